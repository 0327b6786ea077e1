import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether an Authorization header carries the cron secret. Both sides are hashed first so the
 * comparison takes the same time whatever the length or content of the guess.
 */
export function cronAuthorized(header: string | null, secret: string | undefined): boolean {
  if (!secret) return false;
  const match = /^Bearer\s+(.+)$/i.exec((header ?? "").trim());
  const given = createHash("sha256")
    .update(match?.[1] ?? "")
    .digest();
  const expected = createHash("sha256").update(secret).digest();
  return timingSafeEqual(given, expected) && !!match;
}
