import "server-only";
import type { Db } from "@/db/client";
import { findConnectionType } from "@/lib/connection-types/registry";
import { isCredentialMethod } from "@/lib/connection-types/catalog/types/auth-methods";
import { findInstanceRow } from "@/lib/instances/queries";
import { listConfigVariableRows } from "@/lib/integrations/queries";
import type { OpenedLink } from "./service";

// Whom the visitor of an e-mailed link signs in with, as they know it: "Salesforce", "Dropbox", or
// the integrator's own type's label. An auth method's name ("OAuth 2.0 (authorization code)") is how
// it works, not who it is with, so a generic credential falls back to its authorization server's host.

/** The provider's name for a link's page. */
export async function providerName(
  db: Db,
  link: Pick<OpenedLink, "organizationId" | "instanceId" | "connectionKey">,
  authMethod: string | undefined,
  authUri: string | undefined,
): Promise<string> {
  const typeKey =
    (await instanceConnectionType(db, link)) ?? (authMethod && !isCredentialMethod(authMethod) ? authMethod : null);
  if (typeKey) {
    const type = await findConnectionType(db, link.organizationId, typeKey);
    if (type) return type.label;
  }
  return hostOf(authUri) ?? "the service";
}

async function instanceConnectionType(
  db: Db,
  link: Pick<OpenedLink, "organizationId" | "instanceId" | "connectionKey">,
): Promise<string | null> {
  if (!link.instanceId || !link.connectionKey) return null;
  const instance = await findInstanceRow(db, { organizationId: link.organizationId }, link.instanceId);
  if (!instance) return null;
  const variables = await listConfigVariableRows(db, link.organizationId, instance.integrationId);
  return variables.find((v) => v.key === link.connectionKey)?.connectionType ?? null;
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}
