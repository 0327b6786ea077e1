import { decodeJwt, decodeProtectedHeader, errors, importSPKI, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import { noControl } from "@/lib/validation/text";
import { signingAlgorithms, type SigningAlgorithm } from "@/db/schema/embedding";
import type { RefusalReason } from "./refusals";

// The policy of an embedding JWT, free of the database (keys come through `KeyLookup`) so that the
// unit tests can walk every refusal: algorithm pinned to the key's, exp required and at most an
// hour ahead, nbf, aud = the organization's id or slug, a minute of clock skew, jti required.

export const CLOCK_TOLERANCE_SECONDS = 60;
export const MAX_LIFETIME_SECONDS = 60 * 60;
const MAX_TOKEN_LENGTH = 16 * 1024;

/** A registered public key with the organization it belongs to. */
export type CandidateKey = {
  id: string;
  organizationId: string;
  organizationSlug: string;
  algorithm: SigningAlgorithm;
  keyId: string;
  publicKeyPem: string;
};

/**
 * Where the verifier finds keys: only among the organizations an (as yet unverified) `aud` names.
 * A `kid` narrows the search inside them; it never reaches another tenant's keys, or a tenant that
 * registers a partner's public key (or one with the same kid) could answer first and block it.
 */
export type KeyLookup = {
  byAudience(aud: string): Promise<{ organizationId: string; keys: CandidateKey[] } | null>;
};

export const embeddedClaimsSchema = z.object({
  sub: z.string().trim().min(1, "sub is empty").max(200, "sub is longer than 200 characters"),
  customer: z.string().trim().min(1, "customer is empty").max(200, "customer is longer than 200 characters"),
  customer_name: z
    .string()
    .trim()
    .min(1)
    .max(200, "customer_name is longer than 200 characters")
    .refine(noControl, "customer_name holds control characters")
    .optional(),
  name: z
    .string()
    .trim()
    .max(200, "name is longer than 200 characters")
    .refine(noControl, "name holds control characters")
    .optional(),
  email: z.email("email is not an e-mail address").max(320).optional(),
  role: z.string().trim().max(64, "role is longer than 64 characters").optional(),
  jti: z.string().min(1, "jti is empty").max(200, "jti is longer than 200 characters"),
  exp: z.number(),
});
export type EmbeddedClaims = z.infer<typeof embeddedClaimsSchema>;

export type Verified = {
  ok: true;
  claims: EmbeddedClaims;
  organizationId: string;
  signingKeyId: string;
  keyId: string;
  expiresAt: Date;
};
export type Refused = {
  ok: false;
  reason: RefusalReason;
  detail?: string;
  organizationId?: string;
  keyId?: string;
  jti?: string;
};

const refuse = (reason: RefusalReason, extra: Omit<Refused, "ok" | "reason"> = {}): Refused => ({
  ok: false,
  reason,
  ...extra,
});

function audiences(payload: JWTPayload): string[] {
  const aud = payload.aud;
  const list =
    typeof aud === "string" ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === "string") : [];
  return [...new Set(list)].slice(0, 5);
}

async function candidatesOf(
  lookup: KeyLookup,
  kid: string | undefined,
  payload: JWTPayload,
): Promise<{ keys: CandidateKey[]; organizationIds: string[] }> {
  const orgs = (await Promise.all(audiences(payload).map((a) => lookup.byAudience(a)))).filter((o) => o !== null);
  // Every key of the named organizations; with a kid, only theirs that carry it.
  const keys = orgs.flatMap((o) => o.keys).filter((k) => !kid || k.keyId === kid);
  const unique = [...new Map(keys.map((k) => [k.id, k])).values()].slice(0, 20);
  return { keys: unique, organizationIds: orgs.map((o) => o.organizationId) };
}

/** What a jose error means for the policy, for a key whose signature check ran. */
function refusalOf(error: unknown, key: CandidateKey): Refused | "bad_signature" {
  const at = { organizationId: key.organizationId, keyId: key.keyId };
  if (error instanceof errors.JWSSignatureVerificationFailed) return "bad_signature";
  if (error instanceof errors.JWTExpired) return refuse("expired", at);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === "missing")
      return refuse("missing_claim", { ...at, detail: `The token has no ${error.claim} claim.` });
    if (error.claim === "nbf" || error.claim === "iat") return refuse("not_yet_valid", at);
    if (error.claim === "aud") return refuse("wrong_audience", at);
    return refuse("invalid_claims", { ...at, detail: `The ${error.claim} claim is not valid.` });
  }
  return refuse("malformed", at);
}

/** Verifies a partner's embedding JWT; returns its claims and organization, or why it was refused. */
export async function verifyEmbeddingToken(
  token: string,
  lookup: KeyLookup,
  now: Date = new Date(),
): Promise<Verified | Refused> {
  if (token.length > MAX_TOKEN_LENGTH || token.split(".").length !== 3) return refuse("malformed");
  let alg: unknown;
  let kid: string | undefined;
  let payload: JWTPayload;
  try {
    const header = decodeProtectedHeader(token);
    alg = header.alg;
    kid = typeof header.kid === "string" && header.kid.length <= 200 ? header.kid : undefined;
    payload = decodeJwt(token);
  } catch {
    return refuse("malformed");
  }
  const jti = typeof payload.jti === "string" ? payload.jti.slice(0, 200) : undefined;
  if (typeof alg !== "string" || alg.toLowerCase() === "none") return refuse("unsigned", { jti });
  if (!(signingAlgorithms as readonly string[]).includes(alg))
    return refuse("unsupported_algorithm", {
      jti,
      detail: `The token's alg is ${JSON.stringify(alg.slice(0, 20))}; use RS256 or ES256.`,
    });

  if (payload.aud === undefined) return refuse("missing_claim", { jti, detail: "The token has no aud claim." });
  const { keys, organizationIds } = await candidatesOf(lookup, kid, payload);
  if (keys.length === 0)
    return refuse(organizationIds.length === 0 ? "unknown_organization" : "unknown_key", {
      organizationId: organizationIds[0],
      jti,
    });
  const pinned = keys.filter((k) => k.algorithm === alg);
  if (pinned.length === 0)
    return refuse("algorithm_mismatch", { organizationId: keys[0]!.organizationId, keyId: keys[0]!.keyId, jti });

  const nowSeconds = Math.floor(now.getTime() / 1000);
  for (const key of pinned) {
    try {
      const { payload: verified } = await jwtVerify(token, await importSPKI(key.publicKeyPem, key.algorithm), {
        algorithms: [key.algorithm],
        audience: [key.organizationId, key.organizationSlug],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ["exp", "jti", "sub", "customer"],
        currentDate: now,
      });
      const at = { organizationId: key.organizationId, keyId: key.keyId, jti };
      if (typeof verified.iat === "number" && verified.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS)
        return refuse("not_yet_valid", at);
      const claims = embeddedClaimsSchema.safeParse(verified);
      if (!claims.success) return refuse("invalid_claims", { ...at, detail: claims.error.issues[0]?.message });
      if (claims.data.exp > nowSeconds + MAX_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS)
        return refuse("lifetime_too_long", at);
      return {
        ok: true,
        claims: claims.data,
        organizationId: key.organizationId,
        signingKeyId: key.id,
        keyId: key.keyId,
        expiresAt: new Date(claims.data.exp * 1000),
      };
    } catch (error) {
      const refused = refusalOf(error, key);
      // The signature proved who signed: a failed claim is final. A bad signature tries the next key.
      if (refused !== "bad_signature") return { ...refused, jti };
    }
  }
  return refuse("bad_signature", { organizationId: pinned[0]!.organizationId, jti });
}
