// What an administrator's password must be. Pure (no server-only): lib/env.ts checks
// LATCHKEY_ADMIN_PASSWORD with it at start, and the first-admin setup page checks what is typed.

/** The password the demo documents on its sign-in page: never accepted outside the demo. */
export const DEMO_ADMIN_EMAIL = "admin@example.com";
export const DEMO_ADMIN_PASSWORD = "latchkey-demo";

export const MIN_ADMIN_PASSWORD_LENGTH = 12;

// Passwords that a guesser tries first; lower-cased, compared after trimming.
const KNOWN = new Set([
  DEMO_ADMIN_PASSWORD,
  "password",
  "password123",
  "password1234",
  "123456789012",
  "changeme",
  "changeme123",
  "admin",
  "adminadmin",
  "administrator",
  "latchkey",
  "latchkey123",
  "letmein",
  "qwertyuiop",
  "qwertyuiop12",
  "correcthorsebatterystaple",
]);

/** Why a password is too weak for an administrator, or null when it will do. */
export function adminPasswordProblem(password: string, email?: string): string | null {
  const p = password.trim().toLowerCase();
  if (p === DEMO_ADMIN_PASSWORD || p.includes(DEMO_ADMIN_PASSWORD)) return "is the published demo password";
  if (password.length < MIN_ADMIN_PASSWORD_LENGTH) return `must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters`;
  if (KNOWN.has(p)) return "is a commonly guessed password";
  // A long run of one or two characters ("aaaaaaaaaaaa", "abababababab") is long but not strong.
  if (new Set(password).size < 6) return "must use at least 6 different characters";
  if (email) {
    const address = email.trim().toLowerCase();
    if (p === address || p === address.split("@")[0]) return "must not be the e-mail address";
  }
  return null;
}
