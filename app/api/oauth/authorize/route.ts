// GET /api/oauth/authorize?credentialId=... or ?instanceId=...&connection=key - CONNECT: redirect to the provider
import { z } from "zod";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { logUnexpected } from "@/lib/log";
import { startAuthorization } from "@/lib/oauth/authorize";
import { oauthRedirect, resultPageResponse } from "@/lib/oauth/result-page";
import { scopeOf } from "@/lib/tenancy";

const query = z.union([
  z.object({ instanceId: z.uuid(), connection: z.string().regex(/^[a-z][a-z0-9_]*$/).max(64) }),
  z.object({ credentialId: z.uuid() }),
]);

const failure = (message: string, status: number) => resultPageResponse({ ok: false, title: "Cannot connect", message, backHref: "/", backLabel: "Back to Latchkey" }, status);

export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  try {
    const user = await getCurrentUser();
    if (!user) return Response.redirect(`${env.baseUrl}/sign-in?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`, 303);
    const parsed = query.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) return failure("This CONNECT link is not valid: it names no credential or instance connection.", 400);
    const target = "instanceId" in parsed.data ? { instanceId: parsed.data.instanceId, configVarKey: parsed.data.connection } : { credentialId: parsed.data.credentialId };
    if (!can(user.role, "instanceId" in target ? "instances:write" : "credentials:write")) return failure("Your role may not connect this.", 403);
    const started = await startAuthorization(await getDb(), scopeOf(user), target, { userId: user.id });
    return oauthRedirect(started.url);
  } catch (error) {
    if (error instanceof ValidationError) return failure(error.message, 400);
    if (error instanceof NotFoundError) return failure(`${error.message}.`, 404);
    if (error instanceof ForbiddenError) return failure(error.message, 403);
    logUnexpected("GET /api/oauth/authorize", error);
    return failure("The authorization could not start because of an error on our side; it has been logged.", 500);
  }
}
