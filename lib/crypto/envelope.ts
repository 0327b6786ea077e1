import { randomBytes } from "node:crypto";
import { DecryptionError, open, seal } from "./aead";
import { findMasterKey, type Keyring } from "./keyring";

// Envelope encryption: values are sealed with a tenant's data key, data keys with the master key.

/** Who owns a data key: an organization, or one of its customers. */
export type Tenant = { organizationId: string; customerId?: string | null };

const VALUE_VERSION = "v1";

function tenantLabel(t: Tenant): string {
  return `org=${t.organizationId};customer=${t.customerId ?? "-"}`;
}

/** A new random 32-byte data key. */
export function newDataKey(): Buffer {
  return randomBytes(32);
}

/** Wraps a tenant's data key under the current master key. */
export function wrapDataKey(
  ring: Keyring,
  tenant: Tenant,
  dataKey: Buffer,
): { wrappedKey: string; masterKeyId: string } {
  const sealed = seal(ring.current.key, dataKey, `latchkey-data-key;${tenantLabel(tenant)}`);
  return { wrappedKey: sealed.toString("base64url"), masterKeyId: ring.current.id };
}

/** Unwraps a tenant's data key with whichever known master key wrapped it. */
export function unwrapDataKey(
  ring: Keyring,
  tenant: Tenant,
  wrapped: { wrappedKey: string; masterKeyId: string },
): Buffer {
  const master = findMasterKey(ring, wrapped.masterKeyId);
  if (!master) {
    throw new DecryptionError(
      `No master key with id ${wrapped.masterKeyId} is configured; set it in LATCHKEY_MASTER_KEY or LATCHKEY_PREVIOUS_MASTER_KEYS`,
    );
  }
  return open(master.key, Buffer.from(wrapped.wrappedKey, "base64url"), `latchkey-data-key;${tenantLabel(tenant)}`);
}

/** The associated data of a value: its tenant and its record, so a copy elsewhere fails to open. */
function valueContext(tenant: Tenant, recordId: string): string {
  return `latchkey-value;${tenantLabel(tenant)};record=${recordId}`;
}

/** Encrypts a value for one record of one tenant: "v1.<data key id>.<base64url sealed>". */
export function encryptValue(
  dataKey: { id: string; key: Buffer },
  tenant: Tenant,
  recordId: string,
  plaintext: string,
): string {
  const sealed = seal(dataKey.key, Buffer.from(plaintext, "utf8"), valueContext(tenant, recordId));
  return `${VALUE_VERSION}.${dataKey.id}.${sealed.toString("base64url")}`;
}

/** The data key id named by a ciphertext. */
export function ciphertextKeyId(ciphertext: string): string {
  const [version, keyId, body] = ciphertext.split(".");
  if (version !== VALUE_VERSION || !keyId || !body) throw new DecryptionError("Not a Latchkey ciphertext");
  return keyId;
}

/** Decrypts a value sealed by `encryptValue` for the same tenant and record. */
export function decryptValue(
  dataKey: { id: string; key: Buffer },
  tenant: Tenant,
  recordId: string,
  ciphertext: string,
): string {
  const [version, keyId, body] = ciphertext.split(".");
  if (version !== VALUE_VERSION || !keyId || !body) throw new DecryptionError("Not a Latchkey ciphertext");
  if (keyId !== dataKey.id) throw new DecryptionError("The value was sealed with another tenant's key");
  return open(dataKey.key, Buffer.from(body, "base64url"), valueContext(tenant, recordId)).toString("utf8");
}
