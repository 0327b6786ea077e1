// GET /api/v1/organization/signing-keys - the public keys that verify the organization's embedding JWTs
// POST /api/v1/organization/signing-keys - register one (PEM, RS256 or ES256; admin keys only)
import { apiRoute } from "@/lib/api/route";
import { organizationSpecs } from "@/lib/api/specs/organization";
import { addSigningKey, listSigningKeys } from "@/lib/embedding/signing-keys";

export const GET = apiRoute(organizationSpecs.listSigningKeys, async ({ db, principal }) => ({
  data: await listSigningKeys(db, principal.organizationId),
  nextCursor: null,
}));

export const POST = apiRoute(organizationSpecs.addSigningKey, async ({ db, principal, body }) => {
  const label = body.label ?? `Added through the API on ${new Date().toISOString().slice(0, 10)}`;
  return addSigningKey(db, principal.organizationId, { label, publicKeyPem: body.publicKeyPem }, null);
});
