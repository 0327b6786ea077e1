"use server";

import { getDb } from "@/db/client";
import { zodFields } from "@/lib/api/errors";
import type { ActionResult } from "@/lib/actions/result";
import { ValidationError } from "@/lib/errors";
import { logUnexpected } from "@/lib/log";
import { completeFirstAdminSetup, firstAdminInput } from "@/lib/setup/first-admin";

// The one action without a session: the setup token is the credential, checked and consumed in lib.
export async function createFirstAdminAction(raw: unknown): Promise<ActionResult<{ email: string }>> {
  const parsed = firstAdminInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "Some fields need attention.", fieldErrors: zodFields(parsed.error) };
  try {
    return { ok: true, data: await completeFirstAdminSetup(await getDb(), parsed.data) };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, error: error.message, fieldErrors: error.fields };
    logUnexpected("first admin setup", error);
    return { ok: false, error: "Something went wrong on our side; it has been logged. Try again." };
  }
}
