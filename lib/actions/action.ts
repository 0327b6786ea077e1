import "server-only";
import { ZodError, type z } from "zod";
import { getDb, type Db } from "@/db/client";
import { can, type Permission } from "@/lib/auth/permissions";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { acceptsSession, type SurfacePolicy } from "@/lib/auth/surface";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { zodFields } from "@/lib/api/errors";
import { isUnstorableCharacter } from "@/lib/db-errors";
import { logSecurityEvent, logUnexpected } from "@/lib/log";
import { requestContextOf } from "@/lib/http/in-request";
import { runInRequest, setActor, type RequestContext } from "@/lib/request-context";
import type { ActionResult } from "./result";

// The request an action serves; outside one (a test calling the action), a context of its own.
async function actionContext(): Promise<RequestContext> {
  try {
    const { headers } = await import("next/headers");
    return requestContextOf(new Headers(await headers()));
  } catch {
    return requestContextOf(new Headers());
  }
}

/**
 * The one wrapper of every server action: resolves the session, checks the permission, parses the
 * input with zod and turns domain errors into a result the form can show at its fields.
 */
export function action<S extends z.ZodType, T>(
  options: { schema: S; permission?: Permission; surface?: SurfacePolicy },
  handler: (input: z.infer<S>, ctx: { user: CurrentUser; db: Db }) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => runInRequest(await actionContext(), () => run(raw));
  async function run(raw: z.input<S>): Promise<ActionResult<T>> {
    let user: CurrentUser | null = null;
    try {
      user = await getCurrentUser();
      if (!user) return { ok: false, error: "Your session has ended; sign in again." };
      setActor({ type: user.embedded ? "embedded_user" : "user", id: user.id, name: user.email });
      // Main-app actions by default: an action shared with the embedded screens says so.
      if (!acceptsSession(options.surface ?? "app", user)) throw new ForbiddenError("This is not available here");
      if (options.permission && !can(user.role, options.permission)) throw new ForbiddenError();
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, error: "Some fields need attention.", fieldErrors: zodFields(parsed.error) };
      }
      const data = await handler(parsed.data, { user, db: await getDb() });
      return { ok: true, data };
    } catch (error) {
      if (error instanceof ValidationError || error instanceof ConflictError) {
        return { ok: false, error: error.message, fieldErrors: error.fields };
      }
      if (error instanceof NotFoundError || error instanceof ForbiddenError) {
        // An embedded user reaching outside its customer is worth a line: the partner's page is not ours.
        if (user?.embedded)
          logSecurityEvent("embedded request refused", {
            user: user.id,
            customer: user.customerId,
            refusal: error.name,
            message: error.message,
          });
        return { ok: false, error: error.message };
      }
      if (error instanceof ZodError) {
        // A service's own parse (a URL, a definition) is the user's input at fault, not ours.
        return { ok: false, error: "Some fields need attention.", fieldErrors: zodFields(error) };
      }
      if (isUnstorableCharacter(error))
        return {
          ok: false,
          error: "A value holds a character that cannot be stored (such as NUL); remove it and try again.",
        };
      logUnexpected("server action", error);
      return { ok: false, error: "Something went wrong on our side; it has been logged. Try again." };
    }
  }
}
