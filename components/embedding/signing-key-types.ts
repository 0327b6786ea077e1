/** A partner's registered public key, as the settings page shows it. */
export type SigningKey = {
  id: string;
  label: string;
  algorithm: string;
  keyId: string;
  fingerprint: string;
  createdAt: string;
};
