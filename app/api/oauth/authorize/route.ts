// POST /api/oauth/authorize - CONNECT from a Latchkey page (form: instanceId+connection, credentialId, or link): redirect to the provider
// GET /api/oauth/authorize?start=<token> - CONNECT from a URL the API handed out (single use)
// A GET naming an instance or credential starts nothing: it goes to the screen that has the button.
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { BodyTooLargeError, readFormFields } from "@/lib/http/body";
import { logUnexpected } from "@/lib/log";
import { startFromNavigation, startFromPage, type PageStart } from "@/lib/oauth/page-start";
import { oauthPageHeaders, oauthRedirect, resultPageResponse } from "@/lib/oauth/result-page";

const CONNECT_FORM_BYTES = 16 * 1024;

const failure = (message: string, status: number) =>
  resultPageResponse(
    { ok: false, title: "Cannot connect", message, backHref: "/", backLabel: "Back to Latchkey" },
    status,
  );

function respond(started: PageStart | { kind: "screen"; href: string }): Response {
  switch (started.kind) {
    case "provider":
      return oauthRedirect(started.url);
    case "sign-in":
      return new Response(null, {
        status: 303,
        headers: {
          ...oauthPageHeaders,
          Location: `${env.baseUrl}/sign-in?callbackUrl=${encodeURIComponent(started.back)}`,
        },
      });
    case "screen":
      return new Response(null, {
        status: 303,
        headers: { ...oauthPageHeaders, Location: `${env.baseUrl}${started.href}` },
      });
    case "refused":
      return failure(started.message, started.status);
  }
}

async function guarded(where: string, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ValidationError) return failure(error.message, 400);
    if (error instanceof NotFoundError) return failure(`${error.message}.`, 404);
    if (error instanceof ForbiddenError) return failure(error.message, 403);
    if (error instanceof BodyTooLargeError)
      return failure(`A CONNECT form is at most ${CONNECT_FORM_BYTES / 1024} KiB.`, 413);
    logUnexpected(where, error);
    return failure("The authorization could not start because of an error on our side; it has been logged.", 500);
  }
}

export function POST(request: Request): Promise<Response> {
  return guarded("POST /api/oauth/authorize", async () => {
    // A CONNECT form holds a few ids; nothing more than this is read (lib/http/body).
    const readForm = async () => (await readFormFields(request, CONNECT_FORM_BYTES)) ?? new URLSearchParams();
    return respond(await startFromPage(await getDb(), request.headers, readForm, getCurrentUser));
  });
}

export function GET(request: Request): Promise<Response> {
  return guarded("GET /api/oauth/authorize", async () =>
    respond(await startFromNavigation(await getDb(), new URL(request.url).searchParams)),
  );
}
