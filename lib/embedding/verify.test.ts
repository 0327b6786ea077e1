import { generateKeyPairSync, randomUUID } from "node:crypto";
import { base64url, SignJWT, type JWTPayload } from "jose";
import { describe, expect, it } from "vitest";
import { parsePublicKeyPem } from "./keys";
import { verifyEmbeddingToken, type CandidateKey, type KeyLookup } from "./verify";

// The JWT policy against real keys: each refusal, the clock tolerance, rotation and the kid path.

const ORG = { id: randomUUID(), slug: "acme" };
const OTHER = { id: randomUUID(), slug: "other" };
const NOW = new Date("2030-01-01T12:00:00Z");
const now = Math.floor(NOW.getTime() / 1000);

function pair(kind: "rsa" | "ec") {
  return kind === "rsa"
    ? generateKeyPairSync("rsa", { modulusLength: 2048 })
    : generateKeyPairSync("ec", { namedCurve: "P-256" });
}
const rsa = pair("rsa");
const rsaNext = pair("rsa");
const ec = pair("ec");
const stranger = pair("rsa");

async function candidate(org: { id: string; slug: string }, key: ReturnType<typeof pair>): Promise<CandidateKey> {
  const parsed = await parsePublicKeyPem(key.publicKey.export({ type: "spki", format: "pem" }).toString());
  return {
    id: randomUUID(),
    organizationId: org.id,
    organizationSlug: org.slug,
    algorithm: parsed.algorithm,
    keyId: parsed.keyId,
    publicKeyPem: parsed.publicKeyPem,
  };
}

const keys = {
  rsa: await candidate(ORG, rsa),
  rsaNext: await candidate(ORG, rsaNext),
  ec: await candidate(ORG, ec),
  other: await candidate(OTHER, stranger),
};
const registered = [keys.rsa, keys.rsaNext, keys.ec, keys.other];
const lookup: KeyLookup = {
  byAudience: async (aud) => {
    const org = [ORG, OTHER].find((o) => o.id === aud || o.slug === aud);
    return org ? { organizationId: org.id, keys: registered.filter((k) => k.organizationId === org.id) } : null;
  },
};

const claims = (extra: JWTPayload = {}): JWTPayload => ({
  sub: "user-1",
  customer: "cust-1",
  customer_name: "Customer One",
  name: "Ada",
  email: "ada@partner.example",
  role: "admin",
  aud: ORG.id,
  iat: now,
  exp: now + 300,
  jti: randomUUID(),
  ...extra,
});

async function sign(payload: JWTPayload, key = rsa, header: { alg?: string; kid?: string } = {}) {
  const alg = header.alg ?? (key === ec ? "ES256" : "RS256");
  return new SignJWT(payload)
    .setProtectedHeader({ alg, ...(header.kid ? { kid: header.kid } : {}) })
    .sign(key.privateKey);
}

const unsigned = (payload: JWTPayload) =>
  `${base64url.encode(JSON.stringify({ alg: "none", typ: "JWT" }))}.${base64url.encode(JSON.stringify(payload))}.`;

describe("verifyEmbeddingToken", () => {
  it("accepts a good token by aud id or slug, with or without kid, RS256 and ES256", async () => {
    const byId = await verifyEmbeddingToken(await sign(claims()), lookup, NOW);
    expect(byId).toMatchObject({
      ok: true,
      organizationId: ORG.id,
      keyId: keys.rsa.keyId,
      claims: { sub: "user-1", customer: "cust-1", email: "ada@partner.example" },
    });
    expect(await verifyEmbeddingToken(await sign(claims({ aud: "acme" })), lookup, NOW)).toMatchObject({
      ok: true,
      organizationId: ORG.id,
    });
    expect(await verifyEmbeddingToken(await sign(claims(), rsa, { kid: keys.rsa.keyId }), lookup, NOW)).toMatchObject({
      ok: true,
    });
    expect(await verifyEmbeddingToken(await sign(claims(), ec), lookup, NOW)).toMatchObject({
      ok: true,
      keyId: keys.ec.keyId,
    });
  });

  it("tries every key of the organization, so a rotated key works before the old one is removed", async () => {
    expect(await verifyEmbeddingToken(await sign(claims(), rsaNext), lookup, NOW)).toMatchObject({
      ok: true,
      keyId: keys.rsaNext.keyId,
    });
  });

  it("refuses alg none, HS256 and an algorithm other than the key's", async () => {
    expect(await verifyEmbeddingToken(unsigned(claims()), lookup, NOW)).toMatchObject({
      ok: false,
      reason: "unsigned",
    });
    const hs = await new SignJWT(claims())
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode("a shared secret of thirty-two b"));
    expect(await verifyEmbeddingToken(hs, lookup, NOW)).toMatchObject({ ok: false, reason: "unsupported_algorithm" });
    // The EC key's kid with an RS256 header: the key's pinned algorithm wins, not the header's.
    const mismatched = await sign(claims(), rsa, { kid: keys.ec.keyId });
    expect(await verifyEmbeddingToken(mismatched, lookup, NOW)).toMatchObject({
      ok: false,
      reason: "algorithm_mismatch",
    });
  });

  it("refuses a wrong signature, an unknown organization and an unknown kid", async () => {
    expect(await verifyEmbeddingToken(await sign(claims(), stranger), lookup, NOW)).toMatchObject({
      ok: false,
      reason: "bad_signature",
      organizationId: ORG.id,
    });
    expect(await verifyEmbeddingToken(await sign(claims({ aud: "nobody" })), lookup, NOW)).toMatchObject({
      ok: false,
      reason: "unknown_organization",
    });
    expect(await verifyEmbeddingToken(await sign(claims(), rsa, { kid: "no-such-kid" }), lookup, NOW)).toMatchObject({
      ok: false,
      reason: "unknown_key",
    });
    // A tampered payload keeps the header and signature: the signature no longer matches.
    const [h, , s] = (await sign(claims())).split(".");
    const tampered = `${h}.${base64url.encode(JSON.stringify(claims({ customer: "someone-else" })))}.${s}`;
    expect(await verifyEmbeddingToken(tampered, lookup, NOW)).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("refuses a token signed by one organization's key for another's audience", async () => {
    // With the kid: the other organization has no key by that kid, and ORG's keys are not looked at.
    const forOther = await sign(claims({ aud: OTHER.id }), rsa, { kid: keys.rsa.keyId });
    expect(await verifyEmbeddingToken(forOther, lookup, NOW)).toMatchObject({
      ok: false,
      reason: "unknown_key",
      organizationId: OTHER.id,
    });
    // Without it, the other organization's keys are tried and none verifies.
    expect(await verifyEmbeddingToken(await sign(claims({ aud: OTHER.id })), lookup, NOW)).toMatchObject({
      ok: false,
      reason: "bad_signature",
      organizationId: OTHER.id,
    });
  });

  it("applies exp, nbf and iat with a minute of tolerance, and at most an hour of lifetime", async () => {
    const at = async (extra: JWTPayload) => verifyEmbeddingToken(await sign(claims(extra)), lookup, NOW);
    expect(await at({ exp: now - 61 })).toMatchObject({ ok: false, reason: "expired" });
    expect(await at({ exp: now - 30 })).toMatchObject({ ok: true });
    expect(await at({ nbf: now + 61 })).toMatchObject({ ok: false, reason: "not_yet_valid" });
    expect(await at({ nbf: now + 30 })).toMatchObject({ ok: true });
    expect(await at({ iat: now + 120 })).toMatchObject({ ok: false, reason: "not_yet_valid" });
    expect(await at({ exp: now + 3600 + 120 })).toMatchObject({ ok: false, reason: "lifetime_too_long" });
    expect(await at({ exp: now + 3600 })).toMatchObject({ ok: true });
  });

  it("requires exp, jti, sub, customer and aud, and checks the claims' shapes", async () => {
    for (const claim of ["exp", "jti", "sub", "customer", "aud"]) {
      const payload = claims();
      delete payload[claim];
      // Without aud there is no organization to find the key by: the kid alone finds nothing.
      const result = await verifyEmbeddingToken(await sign(payload, rsa, { kid: keys.rsa.keyId }), lookup, NOW);
      expect(result, claim).toMatchObject({
        ok: false,
        reason: "missing_claim",
        detail: expect.stringContaining(claim),
      });
    }
    expect(await verifyEmbeddingToken(await sign(claims({ email: "not an address" })), lookup, NOW)).toMatchObject({
      ok: false,
      reason: "invalid_claims",
      detail: expect.stringMatching(/email/),
    });
    expect(await verifyEmbeddingToken(await sign(claims({ customer: 42 })), lookup, NOW)).toMatchObject({
      ok: false,
      reason: "invalid_claims",
    });
  });

  it("looks a kid up only in the organization named in aud, so another tenant holding the same key or kid cannot block it", async () => {
    // OTHER registers ORG's partner's public key (public, so anyone can): same kid, listed first.
    const copied = { ...keys.rsa, id: randomUUID(), organizationId: OTHER.id, organizationSlug: OTHER.slug };
    const squatted: KeyLookup = {
      byAudience: async (aud) => {
        const org = [ORG, OTHER].find((o) => o.id === aud || o.slug === aud);
        return org
          ? { organizationId: org.id, keys: [copied, ...registered].filter((k) => k.organizationId === org.id) }
          : null;
      },
    };
    const result = await verifyEmbeddingToken(
      await sign(claims({ aud: ORG.slug }), rsa, { kid: keys.rsa.keyId }),
      squatted,
      NOW,
    );
    expect(result).toMatchObject({ ok: true, organizationId: ORG.id, signingKeyId: keys.rsa.id });
  });

  it("refuses what is not a JWT", async () => {
    for (const garbage of ["", "abc", "a.b.c", "x".repeat(20_000)])
      expect(await verifyEmbeddingToken(garbage, lookup, NOW)).toMatchObject({ ok: false, reason: "malformed" });
  });
});
