// GET /api/oauth/authorize?credentialId=... or ?instanceId=...&connection=key - CONNECT: redirect to the provider
// GET /api/oauth/authorize?link=<token> - CONNECT from an e-mailed authorization link, without an account
import { z } from "zod";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { logUnexpected } from "@/lib/log";
import { startAuthorization } from "@/lib/oauth/authorize";
import { openAuthorizationLink } from "@/lib/authorization-links/service";
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
    const link = url.searchParams.get("link");
    if (link !== null) return await connectThroughLink(link);
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

const linkProblems = {
  invalid: "This authorization link is not valid. Ask whoever sent it for a new one.",
  expired: "This authorization link has expired. Ask whoever sent it for a new one.",
  used: "This authorization link has already been used.",
} as const;

// The link names its credential (and instance connection); the state is bound to the link, not a user.
async function connectThroughLink(token: string): Promise<Response> {
  const db = await getDb();
  const opened = await openAuthorizationLink(db, token);
  if (!opened.ok) {
    console.warn(`[latchkey] authorization link refused: ${opened.problem}`);
    return failure(linkProblems[opened.problem], opened.problem === "invalid" ? 400 : 410);
  }
  const { link } = opened;
  const target = link.instanceId && link.connectionKey ? { instanceId: link.instanceId, configVarKey: link.connectionKey } : { credentialId: link.credentialId };
  const started = await startAuthorization(db, { organizationId: link.organizationId }, target, { linkId: link.id });
  return oauthRedirect(started.url);
}
