import { createHash } from "node:crypto";

// The master keys (key-encryption keys) this process knows: one current, any number of previous.
export type MasterKey = { id: string; key: Buffer };
export type Keyring = { current: MasterKey; previous: MasterKey[] };

/** A stable, non-secret id for a master key, stored beside every data key it wraps. */
export function masterKeyId(key: Buffer): string {
  return "mk_" + createHash("sha256").update("latchkey-master-key-id:").update(key).digest("hex").slice(0, 16);
}

/** Parses a base64 master key; it must be exactly 32 bytes. */
export function parseMasterKey(text: string, name = "LATCHKEY_MASTER_KEY"): MasterKey {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32) {
    throw new Error(`${name} must be 32 bytes encoded in base64 (for example: openssl rand -base64 32)`);
  }
  return { id: masterKeyId(key), key };
}

/** Builds a keyring from the current key and a comma-separated list of previous keys. */
export function buildKeyring(current: string, previous?: string): Keyring {
  const prev = (previous ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s, i) => parseMasterKey(s, `LATCHKEY_PREVIOUS_MASTER_KEYS[${i}]`));
  return { current: parseMasterKey(current), previous: prev };
}

/** Finds the master key with the given id, or undefined. */
export function findMasterKey(ring: Keyring, id: string): MasterKey | undefined {
  if (ring.current.id === id) return ring.current;
  return ring.previous.find((k) => k.id === id);
}
