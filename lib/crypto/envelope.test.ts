import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DecryptionError } from "./aead";
import { decryptValue, encryptValue, newDataKey, unwrapDataKey, wrapDataKey } from "./envelope";
import { buildKeyring } from "./keyring";

const orgA = { organizationId: "11111111-1111-4111-8111-111111111111" };
const custA = { ...orgA, customerId: "22222222-2222-4222-8222-222222222222" };
const orgB = { organizationId: "33333333-3333-4333-8333-333333333333" };
const dataKey = { id: "dk-1", key: newDataKey() };

describe("values", () => {
  it("round-trips with a fresh nonce each time", () => {
    const one = encryptValue(dataKey, orgA, "rec-1", "s3cret");
    const two = encryptValue(dataKey, orgA, "rec-1", "s3cret");
    expect(one).not.toBe(two);
    expect(one).not.toContain("s3cret");
    expect(decryptValue(dataKey, orgA, "rec-1", one)).toBe("s3cret");
  });

  it("fails when tampered with, truncated or relabelled", () => {
    const sealed = encryptValue(dataKey, orgA, "rec-1", "s3cret");
    const [v, id, body] = sealed.split(".");
    const bytes = Buffer.from(body!, "base64url");
    bytes[bytes.length - 20]! ^= 1;
    expect(() => decryptValue(dataKey, orgA, "rec-1", `${v}.${id}.${bytes.toString("base64url")}`)).toThrow(
      DecryptionError,
    );
    expect(() => decryptValue(dataKey, orgA, "rec-1", `${v}.${id}.${body!.slice(0, 10)}`)).toThrow(DecryptionError);
    expect(() => decryptValue(dataKey, orgA, "rec-1", `${v}.other.${body}`)).toThrow(DecryptionError);
  });

  it("fails for another tenant or another record", () => {
    const sealed = encryptValue(dataKey, orgA, "rec-1", "s3cret");
    expect(() => decryptValue(dataKey, orgB, "rec-1", sealed)).toThrow(DecryptionError);
    expect(() => decryptValue(dataKey, custA, "rec-1", sealed)).toThrow(DecryptionError);
    expect(() => decryptValue(dataKey, orgA, "rec-2", sealed)).toThrow(DecryptionError);
  });
});

describe("data keys under master keys", () => {
  const oldKey = randomBytes(32).toString("base64");
  const newKey = randomBytes(32).toString("base64");

  it("unwrap only with the master key that wrapped them, for the same tenant", () => {
    const ring = buildKeyring(oldKey);
    const wrapped = wrapDataKey(ring, orgA, dataKey.key);
    expect(unwrapDataKey(ring, orgA, wrapped).equals(dataKey.key)).toBe(true);
    expect(() => unwrapDataKey(ring, orgB, wrapped)).toThrow(DecryptionError);
    expect(() => unwrapDataKey(buildKeyring(newKey), orgA, wrapped)).toThrow(/No master key/);
  });

  it("re-wrapped under a new key, open with the new key alone and never with the old", () => {
    const wrappedOld = wrapDataKey(buildKeyring(oldKey), orgA, dataKey.key);
    const rotating = buildKeyring(newKey, oldKey);
    const rewrapped = wrapDataKey(rotating, orgA, unwrapDataKey(rotating, orgA, wrappedOld));
    expect(unwrapDataKey(buildKeyring(newKey), orgA, rewrapped).equals(dataKey.key)).toBe(true);
    expect(() => unwrapDataKey(buildKeyring(oldKey), orgA, rewrapped)).toThrow();
  });
});
