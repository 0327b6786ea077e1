// POST /api/v1/instances/{id}/connections/{key}/authorize - the CONNECT URL of an OAuth connection
import { apiRoute } from "@/lib/api/route";
import { connectionParams } from "@/lib/api/schemas-v1";
import { startAuthorization } from "@/lib/oauth/authorize";

// The URL goes straight to the provider and works once, within 10 minutes: hand it to the person who
// is to authorize (the partner's user), who needs no Latchkey account.
export const POST = apiRoute({ auth: "apiKey", permission: "instances:write", params: connectionParams }, async ({ db, principal, params }) => {
  const started = await startAuthorization(db, { organizationId: principal.organizationId }, { instanceId: params.id, configVarKey: params.key }, { apiKeyId: principal.apiKeyId });
  return { url: started.url, expiresAt: started.expiresAt.toISOString() };
});
