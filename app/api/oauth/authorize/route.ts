// POST /api/oauth/authorize - CONNECT from a Latchkey page (form: instanceId+connection, credentialId, or link): redirect to the provider
// GET /api/oauth/authorize?start=<token> - CONNECT from a URL the API handed out (single use)
// A GET naming an instance or credential starts nothing: it goes to the screen that has the button.
import { getDb } from "@/db/client";
import { pageRoute } from "@/lib/api/page-route";
import type { ErrorAnswer } from "@/lib/api/errors";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { readFormFields } from "@/lib/http/body";
import { startFromNavigation, startFromPage, type PageStart } from "@/lib/oauth/page-start";
import { oauthPageHeaders, oauthRedirect, resultPageResponse } from "@/lib/oauth/result-page";

const CONNECT_FORM_BYTES = 16 * 1024;

const failure = (message: string, status: number) =>
  resultPageResponse(
    { ok: false, title: "Cannot connect", message, backHref: "/", backLabel: "Back to Latchkey" },
    status,
  );

// The shared error mapping's answer, in the words of a CONNECT that could not start.
function refused({ status, code, message, unexpected }: ErrorAnswer): Response {
  if (unexpected)
    return failure("The authorization could not start because of an error on our side; it has been logged.", status);
  if (code === "payload_too_large")
    return failure(`A CONNECT form is at most ${CONNECT_FORM_BYTES / 1024} KiB.`, status);
  return failure(code === "not_found" ? `${message}.` : message, status);
}

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

export const POST = pageRoute(refused, async (request) => {
  // A CONNECT form holds a few ids; nothing more than this is read (lib/http/body).
  const readForm = async () => (await readFormFields(request, CONNECT_FORM_BYTES)) ?? new URLSearchParams();
  return respond(await startFromPage(await getDb(), request.headers, readForm, getCurrentUser));
});

export const GET = pageRoute(refused, async (request) =>
  respond(await startFromNavigation(await getDb(), new URL(request.url).searchParams)),
);
