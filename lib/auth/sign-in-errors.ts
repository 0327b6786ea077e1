// What /sign-in?error=CODE shows. The query string is anyone's to write (a link in a phishing
// e-mail), so only next-auth's own codes have a message, and anything else gets the generic one:
// the page never repeats text from the URL.
const messages = new Map<string, string>([
  ["CredentialsSignin", "Wrong e-mail or password."],
  ["SessionRequired", "Sign in to continue."],
  ["AccessDenied", "You do not have access. Sign in with another account."],
  ["Verification", "That sign-in link has expired or was already used."],
  ["Configuration", "Sign-in is not configured correctly on the server. Ask your administrator."],
]);

export const GENERIC_SIGN_IN_ERROR = "Sign-in failed. Try again.";

/** The message for an ?error= code, or null without one. */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return messages.get(code) ?? GENERIC_SIGN_IN_ERROR;
}
