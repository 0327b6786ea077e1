import "server-only";
import type { Db } from "@/db/client";
import { findCredential } from "@/lib/credentials/queries";
import { readCredentialValues } from "@/lib/credentials/service";
import { withInheritedValues } from "@/lib/credentials/field-policy";
import { providerName } from "./provider-name";
import type { OpenedLink } from "./service";

export type LinkRequest = {
  organizationName: string;
  what: string;
  provider: string;
  scopes: string | null;
  expiresAt: string;
};

/** What the link's page tells its visitor: who asks, for which service, with which scopes. */
export async function describeLink(db: Db, link: OpenedLink): Promise<LinkRequest> {
  const scope = { organizationId: link.organizationId };
  const credential = await findCredential(db, scope, link.credentialId);
  // Scopes are not secret: the provider shows them on its consent page too.
  const values = credential
    ? (await withInheritedValues(db, credential, await readCredentialValues(db, scope, credential.id))).values
    : {};
  return {
    organizationName: link.organizationName,
    what: credential?.label ?? "a connection",
    provider: await providerName(db, link, credential?.authMethod, values.auth_uri),
    scopes: values.scopes?.trim() || null,
    expiresAt: link.expiresAt.toISOString(),
  };
}
