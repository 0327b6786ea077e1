// GET /api/v1/organization/signing-keys - the public keys that verify the organization's embedding JWTs
// POST /api/v1/organization/signing-keys - register one (PEM, RS256 or ES256; admin keys only)
import { apiRoute, withStatus } from "@/lib/api/route";
import { addSigningKey, apiSigningKeyInput, listSigningKeys } from "@/lib/embedding/signing-keys";

export const GET = apiRoute({ auth: "apiKey" }, async ({ db, principal }) => ({
  data: await listSigningKeys(db, principal.organizationId),
  nextCursor: null,
}));

export const POST = apiRoute(
  { auth: "apiKey", permission: "organization:manage", body: apiSigningKeyInput },
  async ({ db, principal, body }) => {
    const label = body.label ?? `Added through the API on ${new Date().toISOString().slice(0, 10)}`;
    return withStatus(
      201,
      await addSigningKey(db, principal.organizationId, { label, publicKeyPem: body.publicKeyPem }, null),
    );
  },
);
