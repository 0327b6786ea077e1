import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parsePublicKeyPem } from "./keys";

// What Settings → Embedding accepts as a partner's public key, and what it refuses at the field.

const spki = (k: { publicKey: { export(o: { type: "spki"; format: "pem" }): string | Buffer } }) =>
  k.publicKey.export({ type: "spki", format: "pem" }).toString();

describe("parsePublicKeyPem", () => {
  it("reads RSA and P-256 keys, pins their algorithm and derives a key id and fingerprint", async () => {
    const rsa = await parsePublicKeyPem(spki(generateKeyPairSync("rsa", { modulusLength: 2048 })));
    expect(rsa).toMatchObject({
      algorithm: "RS256",
      keyId: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      fingerprint: expect.stringMatching(/^SHA256:[0-9a-f]{64}$/),
    });
    expect(rsa.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const ec = await parsePublicKeyPem(`\n  ${spki(generateKeyPairSync("ec", { namedCurve: "P-256" }))}  \n`);
    expect(ec.algorithm).toBe("ES256");
    // The same key twice gives the same id: that is what makes a duplicate detectable.
    const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect((await parsePublicKeyPem(spki(pair))).keyId).toBe((await parsePublicKeyPem(spki(pair))).keyId);
  });

  it("accepts a PKCS#1 RSA public key and stores it as SPKI", async () => {
    const pkcs1 = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .publicKey.export({ type: "pkcs1", format: "pem" })
      .toString();
    expect(pkcs1).toMatch(/BEGIN RSA PUBLIC KEY/);
    expect((await parsePublicKeyPem(pkcs1)).publicKeyPem).toMatch(/BEGIN PUBLIC KEY/);
  });

  it("refuses private keys, in any PEM form", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    for (const pem of [
      privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    ]) {
      await expect(parsePublicKeyPem(pem)).rejects.toThrow(/private key/);
    }
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ type: "sec1", format: "pem" })
      .toString();
    await expect(parsePublicKeyPem(ec)).rejects.toThrow(/private key/);
  });

  it("refuses garbage, weak and unsupported keys with a sentence for the field", async () => {
    await expect(parsePublicKeyPem("hello")).rejects.toThrow(/PEM public key/);
    await expect(
      parsePublicKeyPem("-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----"),
    ).rejects.toThrow(/not a readable/);
    await expect(parsePublicKeyPem(spki(generateKeyPairSync("rsa", { modulusLength: 1024 })))).rejects.toThrow(/2048/);
    await expect(parsePublicKeyPem(spki(generateKeyPairSync("ec", { namedCurve: "P-384" })))).rejects.toThrow(/P-256/);
    await expect(parsePublicKeyPem(spki(generateKeyPairSync("ed25519")))).rejects.toThrow(
      /ed25519 key is not supported/,
    );
    const one = spki(generateKeyPairSync("ec", { namedCurve: "P-256" }));
    await expect(parsePublicKeyPem(`${one}\n${one}`)).rejects.toThrow(/exactly one/);
  });
});
