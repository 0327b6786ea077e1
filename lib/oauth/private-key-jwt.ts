import "server-only";
import { createPrivateKey, randomUUID } from "node:crypto";
import { importPKCS8, SignJWT } from "jose";
import type * as oauth from "oauth4webapi";
import { ValidationError } from "@/lib/errors";

// private_key_jwt client authentication (RFC 7523 section 2.2, OpenID Connect Core section 9): a
// short-lived JWT signed with the client's private key, sent instead of a secret. The audience is
// the token endpoint, which every provider that takes this method accepts (not all accept the issuer).

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const LIFETIME_SECONDS = 60;

/** The JWS algorithm of a PEM private key: RS256 for RSA, ES256/384/512 by curve, EdDSA for Ed25519. */
function algorithmOf(pem: string): { alg: string; pkcs8: string } {
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new ValidationError("The private key is not a PEM private key", {
      "values.private_key": "Paste a PEM private key (-----BEGIN PRIVATE KEY-----)",
    });
  }
  const pkcs8 = key.export({ type: "pkcs8", format: "pem" }).toString();
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType === "rsa") return { alg: "RS256", pkcs8 };
  if (key.asymmetricKeyType === "ed25519") return { alg: "EdDSA", pkcs8 };
  if (key.asymmetricKeyType === "ec" && curve === "prime256v1") return { alg: "ES256", pkcs8 };
  if (key.asymmetricKeyType === "ec" && curve === "secp384r1") return { alg: "ES384", pkcs8 };
  if (key.asymmetricKeyType === "ec" && curve === "secp521r1") return { alg: "ES512", pkcs8 };
  throw new ValidationError("The private key must be an RSA, P-256/384/521 or Ed25519 key", {
    "values.private_key": "Use an RSA, EC (P-256, P-384, P-521) or Ed25519 key",
  });
}

/** Client authentication that signs an assertion with the PEM key, for oauth4webapi's token and revocation requests. */
export function privateKeyJwt(pem: string, keyId?: string): oauth.ClientAuth {
  const { alg, pkcs8 } = algorithmOf(pem);
  return async (as, client, body) => {
    const key = await importPKCS8(pkcs8, alg);
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg, typ: "JWT", ...(keyId ? { kid: keyId } : {}) })
      .setIssuer(client.client_id)
      .setSubject(client.client_id)
      .setAudience(as.token_endpoint ?? as.issuer)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + LIFETIME_SECONDS)
      .sign(key);
    body.set("client_id", client.client_id);
    body.set("client_assertion_type", ASSERTION_TYPE);
    body.set("client_assertion", assertion);
  };
}
