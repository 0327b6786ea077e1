// POST /api/v1/instances/{id}/connections/{key}/authorize - the CONNECT URL of an OAuth connection
import { apiRoute } from "@/lib/api/route";
import { instanceSpecs } from "@/lib/api/specs/instances";
import { issueStartUrl } from "@/lib/oauth/start-tokens";

// The URL is Latchkey's own and works once, within 10 minutes: hand it to the person who is to
// authorize (the partner's user), who needs no Latchkey account; it sends them on to the provider.
export const POST = apiRoute(instanceSpecs.authorize, async ({ db, principal, params }) => {
  const started = await issueStartUrl(
    db,
    { organizationId: principal.organizationId },
    { instanceId: params.id, configVarKey: params.key },
    principal.apiKeyId,
  );
  return { url: started.url, expiresAt: started.expiresAt.toISOString() };
});
