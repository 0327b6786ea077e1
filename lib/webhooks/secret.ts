import "server-only";
import { randomBytes } from "node:crypto";

/** A new signing secret in the Standard Webhooks form: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** How long a rotated-out secret keeps signing beside the new one (API.md: 24 hours). */
export const PREVIOUS_SECRET_MS = 24 * 60 * 60 * 1000;
