// GET /embedded/sign-in?token=<jwt>[&accent=&radius=&background=&next=] - a partner-signed JWT becomes an embedded session
// POST /embedded/sign-in (form fields of the same names) - the same, keeping the token out of URLs
import { getDb } from "@/db/client";
import type { ErrorAnswer } from "@/lib/api/errors";
import { pageRoute } from "@/lib/api/page-route";
import { authSecret } from "@/lib/auth/secret";
import { describeRefusal } from "@/lib/embedding/refusals";
import { refusalPageResponse } from "@/lib/embedding/refusal-page";
import { sealEmbeddedSession, sessionCookieHeader } from "@/lib/embedding/session-cookie";
import { signInEmbedded } from "@/lib/embedding/sign-in";
import { frameAncestorsPolicy } from "@/lib/embedding/surface";
import { parseTheme } from "@/lib/embedding/theme";
import { readFormFields } from "@/lib/http/body";
import { logSecurityEvent } from "@/lib/log";
import { getOrganization } from "@/lib/organizations/queries";

const MAX_FORM_BYTES = 32 * 1024;
// Where the iframe goes once signed in: an embedded screen, nothing else (no open redirect).
const NEXT_PATH = /^\/embedded(?:\/[A-Za-z0-9_-]+)*\/?$/;

// The shared error mapping's answer as the page the iframe shows; framed nowhere, since no
// organization is known when the sign-in fails this way.
function refused({ status, code, message, unexpected }: ErrorAnswer): Response {
  if (unexpected)
    return refusalPageResponse(
      {
        title: "Sign-in failed",
        message: "Something went wrong on our side; it has been logged. Reload the page to try again.",
        detail: "An unexpected server error.",
      },
      status,
      [],
    );
  if (code === "payload_too_large")
    return refusalPageResponse(
      {
        title: "Sign-in refused",
        message: "The sign-in form sent too much data.",
        detail: `The form body is larger than ${MAX_FORM_BYTES / 1024} KiB; a sign-in token is at most 16 KiB.`,
      },
      status,
      [],
    );
  return refusalPageResponse({ title: "Sign-in refused", message, detail: message }, status, []);
}

export const GET = pageRoute(refused, (request) => signIn(new URL(request.url).searchParams));

export const POST = pageRoute(refused, async (request) => {
  const params = new URLSearchParams(new URL(request.url).searchParams);
  // A token is at most 16 KiB; the theme adds a few short values. Nothing more is read.
  const form = await readFormFields(request, MAX_FORM_BYTES);
  for (const [key, value] of form ?? []) params.set(key, value);
  return signIn(params);
});

async function signIn(params: URLSearchParams): Promise<Response> {
  const db = await getDb();
  const token = params.get("token") ?? "";
  const result = await signInEmbedded(db, token);
  if (!result.ok) {
    // The refusal page may show in the iframe of an organization the token named; otherwise nowhere.
    const origins = result.organizationId ? (await getOrganization(db, result.organizationId)).allowedFrameOrigins : [];
    return refusalPageResponse(
      describeRefusal(result.reason, result.detail),
      result.reason === "malformed" ? 400 : 401,
      origins,
    );
  }
  const { theme, rejected } = parseTheme(params);
  if (rejected.length > 0)
    logSecurityEvent("embedded theme values ignored", {
      organization: result.organizationId,
      parameters: rejected.join(","),
    });
  const next = params.get("next") ?? "/embedded";
  const cookie = await sealEmbeddedSession(
    { uid: result.userId, org: result.organizationId, cust: result.customerId, fa: result.frameOrigins, th: theme },
    authSecret(),
  );
  return new Response(null, {
    status: 303,
    headers: {
      Location: NEXT_PATH.test(next) ? next : "/embedded",
      "Set-Cookie": sessionCookieHeader(cookie),
      "Content-Security-Policy": frameAncestorsPolicy(result.frameOrigins),
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-store",
    },
  });
}
