// PUT /api/v1/instances/{id}/connections/{key} - set a connection's values or bind an existing credential
import { apiRoute } from "@/lib/api/route";
import { instanceSpecs } from "@/lib/api/specs/instances";
import { saveInstanceConnection } from "@/lib/instances/save-connection";

// An organization key sets any field, embedded and hidden ones included: that is how partners set them.
export const PUT = apiRoute(instanceSpecs.saveConnection, async ({ db, principal, params, body }) => {
  const { connection, token } = await saveInstanceConnection(
    db,
    { organizationId: principal.organizationId },
    params.id,
    params.key,
    body,
    "organization",
    null,
  );
  // A client credentials connection fetches its token on save; a failure is reported with the save.
  if (!token) return connection;
  return {
    ...connection,
    token: token.ok
      ? { ok: true, expiresAt: token.expiresAt?.toISOString() ?? null, grantedScopes: token.grantedScopes }
      : token,
  };
});
