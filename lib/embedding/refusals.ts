// Why an embedded sign-in was refused, and what each reason tells the person in the iframe (who can
// only reload) and the partner's developer (who can fix the token). Nothing here echoes the token.

export const refusalReasons = [
  "malformed",
  "unsigned",
  "unsupported_algorithm",
  "unknown_organization",
  "unknown_key",
  "algorithm_mismatch",
  "bad_signature",
  "expired",
  "not_yet_valid",
  "lifetime_too_long",
  "wrong_audience",
  "missing_claim",
  "invalid_claims",
  "replayed",
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

const RELOAD = "Reload the page to sign in again. If this keeps happening, contact the product's support.";

const details: Record<RefusalReason, string> = {
  malformed: "The token is not a compact JWS (three base64url parts with a JSON header and claims).",
  unsigned: 'The token is unsigned (alg "none"); sign it with RS256 or ES256.',
  unsupported_algorithm: "The token's algorithm is not RS256 or ES256.",
  unknown_organization: "The token's aud names no organization (use the organization's id or slug).",
  unknown_key:
    "No signing key registered in Settings → Embedding of the organization named in aud matches the token's kid.",
  algorithm_mismatch: "The token's alg differs from the algorithm pinned to the registered key.",
  bad_signature: "The signature does not verify with any registered public key of the organization.",
  expired: "The token's exp has passed (60 seconds of clock skew are allowed).",
  not_yet_valid: "The token's nbf or iat is in the future (60 seconds of clock skew are allowed).",
  lifetime_too_long: "The token's exp is more than an hour ahead; sign short-lived tokens.",
  wrong_audience: "The token's aud is not this organization's id or slug.",
  missing_claim: "A required claim is missing (sub, customer, exp, jti, aud).",
  invalid_claims: "A claim has the wrong type or length.",
  replayed: "This token's jti has been used already: mint a new token for every sign-in.",
};

/** The page a refused sign-in shows: a title and message for the person, a detail for the partner's developer. */
export function describeRefusal(
  reason: RefusalReason,
  detail?: string,
): { title: string; message: string; detail: string } {
  const title =
    reason === "expired"
      ? "This sign-in has expired"
      : reason === "replayed"
        ? "This sign-in was already used"
        : "Sign-in refused";
  return { title, message: RELOAD, detail: detail ?? details[reason] };
}
