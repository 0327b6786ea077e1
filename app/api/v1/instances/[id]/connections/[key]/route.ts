// PUT /api/v1/instances/{id}/connections/{key} - set a connection's values or bind an existing credential
import { apiRoute } from "@/lib/api/route";
import { connectionParams } from "@/lib/api/schemas-v1";
import { connectionInput, setInstanceConnection } from "@/lib/instances/connections";
import { getInstance } from "@/lib/instances/service";
import { clientCredentialsToken } from "@/lib/oauth/client-credentials";

// An organization key sets any field, embedded and hidden ones included: that is how partners set them.
export const PUT = apiRoute({ auth: "apiKey", permission: "instances:write", params: connectionParams, body: connectionInput }, async ({ db, principal, params, body }) => {
  const scope = { organizationId: principal.organizationId };
  await setInstanceConnection(db, scope, params.id, params.key, body, "organization", null);
  const saved = (await getInstance(db, scope, params.id)).connections.find((c) => c.key === params.key);
  // A client credentials connection fetches its token on save; a failure is reported with the save.
  if (saved?.kind !== "oauth2_client_credentials" || !saved.credentialId) return saved;
  const token = await clientCredentialsToken(db, scope, { instanceId: params.id, configVarKey: params.key });
  const connection = (await getInstance(db, scope, params.id)).connections.find((c) => c.key === params.key);
  return { ...connection, token: token.ok ? { ok: true, expiresAt: token.expiresAt?.toISOString() ?? null, grantedScopes: token.grantedScopes } : token };
});
