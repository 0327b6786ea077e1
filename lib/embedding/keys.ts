import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { calculateJwkThumbprint, exportJWK } from "jose";
import type { SigningAlgorithm } from "@/db/schema/embedding";

// Reading a partner's public key: PEM only, RSA (2048 bits or more, RS256) or EC P-256 (ES256).
// The algorithm follows from the key and is pinned with it, so a token cannot pick its own.

export type ParsedPublicKey = { algorithm: SigningAlgorithm; keyId: string; fingerprint: string; publicKeyPem: string };

/** Why a PEM was refused; `message` is said at the field. */
export class PublicKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PublicKeyError";
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/;

function algorithmOf(key: KeyObject): SigningAlgorithm {
  if (key.asymmetricKeyType === "rsa") {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new PublicKeyError(`This RSA key has ${bits} bits; use 2048 bits or more`);
    return "RS256";
  }
  if (key.asymmetricKeyType === "ec") {
    if (key.asymmetricKeyDetails?.namedCurve !== "prime256v1")
      throw new PublicKeyError("Only EC keys on the P-256 curve (ES256) are supported");
    return "ES256";
  }
  throw new PublicKeyError(
    `A ${key.asymmetricKeyType ?? "unknown"} key is not supported; use an RSA (RS256) or EC P-256 (ES256) key`,
  );
}

/** Reads a PEM public key and works out its algorithm, key id and fingerprint; refuses private keys and anything else. */
export async function parsePublicKeyPem(input: string): Promise<ParsedPublicKey> {
  const text = input.trim();
  const block = PEM_BLOCK.exec(text);
  if (!block)
    throw new PublicKeyError("Paste a PEM public key, from -----BEGIN PUBLIC KEY----- to -----END PUBLIC KEY-----");
  // Never keep a private key, even one Node could derive a public key from: say so, loudly.
  if (/PRIVATE KEY/.test(block[1]!) || isPrivateKey(text))
    throw new PublicKeyError(
      "This is a private key. Paste the public key only, and keep the private key on your server",
    );
  if (text.replace(block[0], "").trim() !== "") throw new PublicKeyError("Paste exactly one PEM public key");
  let key: KeyObject;
  try {
    key = createPublicKey({ key: block[0], format: "pem" });
  } catch {
    throw new PublicKeyError("This is not a readable PEM public key");
  }
  const algorithm = algorithmOf(key);
  const jwk = await exportJWK(key);
  const der = key.export({ type: "spki", format: "der" });
  return {
    algorithm,
    keyId: await calculateJwkThumbprint(jwk, "sha256"),
    fingerprint: `SHA256:${createHash("sha256").update(der).digest("hex")}`,
    publicKeyPem: key.export({ type: "spki", format: "pem" }).toString(),
  };
}

function isPrivateKey(pem: string): boolean {
  try {
    createPrivateKey({ key: pem, format: "pem" });
    return true;
  } catch {
    return false;
  }
}
