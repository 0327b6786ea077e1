import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findUserForSignIn } from "@/lib/users/queries";
import { metrics } from "@/lib/ops/metrics";
import { dummyPasswordHash, verifyPassword } from "./password";
import { signInSucceeded, takeSignInTry } from "./rate-limit";

export const signInSchema = z.object({
  email: z
    .email("Enter a valid e-mail address")
    .max(320)
    .transform((s) => s.trim().toLowerCase()),
  password: z.string().min(1, "Enter your password").max(1024, "That password is too long"),
});

/** A refusal whose message is shown to the person signing in as it is. */
export class SignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SignInError";
  }
}

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m === 1 ? "1 minute" : `${m} minutes`;
}

/**
 * Checks an e-mail and password, rate-limited per account and per address. Unknown accounts and
 * wrong passwords get the same message and cost the same time, so neither reveals which it was.
 */
export async function signInWithPassword(db: Db, input: unknown, ip: string) {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    metrics.signInFailures.inc({ reason: "invalid_input" });
    throw new SignInError(parsed.error.issues[0]?.message ?? "Enter your e-mail and password");
  }
  const { email, password } = parsed.data;

  // The try is taken before the password is checked: a failure is then simply a try not given back.
  const gate = await takeSignInTry(db, email, ip);
  if (!gate.allowed) {
    metrics.signInFailures.inc({ reason: "locked_out" });
    metrics.signInLockouts.inc({ scope: gate.scope === "account" ? "account" : "address" });
    throw new SignInError(
      gate.scope === "account"
        ? `Too many failed sign-ins for this account. Try again in ${minutes(gate.retryAfterSeconds)}.`
        : `Too many failed sign-ins from your network. Try again in ${minutes(gate.retryAfterSeconds)}.`,
    );
  }

  const user = await findUserForSignIn(db, email);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    metrics.signInFailures.inc({ reason: "wrong_credentials" });
    throw new SignInError("Wrong e-mail or password.");
  }
  await signInSucceeded(db, email, ip);
  const { passwordHash: _omit, ...safe } = user;
  return safe;
}
