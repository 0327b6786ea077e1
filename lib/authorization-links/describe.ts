import "server-only";
import type { Db } from "@/db/client";
import { findCredential } from "@/lib/credentials/queries";
import { providerName } from "./provider-name";
import type { OpenedLink } from "./service";

export type LinkRequest = {
  organizationName: string;
  what: string;
  provider: string;
  scopes: string | null;
  expiresAt: string;
};

/** What the link's page tells its visitor: who asks, for which service, with which scopes; nothing is decrypted. */
export async function describeLink(db: Db, link: OpenedLink): Promise<LinkRequest> {
  const scope = { organizationId: link.organizationId };
  const credential = await findCredential(db, scope, link.credentialId);
  return {
    organizationName: link.organizationName,
    what: credential?.label ?? "a connection",
    // Named without opening the credential: the page is public, and its values stay sealed.
    provider: await providerName(db, link, credential?.authMethod, undefined),
    // Kept on the link when it was made (lib/authorization-links/service.ts).
    scopes: link.scopes,
    expiresAt: link.expiresAt.toISOString(),
  };
}
