import "server-only";
import { env } from "@/lib/env";
import { DEMO_ADMIN_PASSWORD } from "@/lib/auth/password-policy";

export type DemoSignInHint = { email: string; password: string | null };

/**
 * What the sign-in page's demo banner shows: null outside the demo. The password only when it is
 * the published demo one; a password someone chose stays out of the HTML even in the demo.
 */
export function demoSignInHint(): DemoSignInHint | null {
  if (env.mode !== "demo" || !env.firstAdmin) return null;
  const { email, password } = env.firstAdmin;
  return { email, password: password === DEMO_ADMIN_PASSWORD ? password : null };
}
