// GET /api/oauth/callback - the one callback URL registered with providers: finishes an authorization
import { getDb } from "@/db/client";
import type { ErrorAnswer } from "@/lib/api/errors";
import { pageRoute } from "@/lib/api/page-route";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { handleCallback } from "@/lib/oauth/callback";
import { oauthRedirect, resultPageResponse } from "@/lib/oauth/result-page";

// Never a 500: whatever happens, the person who pressed CONNECT gets a page that says what to do.
function failed({ status, message, unexpected }: ErrorAnswer): Response {
  return resultPageResponse(
    {
      ok: false,
      title: "Authorization failed",
      message: unexpected
        ? "The authorization could not be completed because of an error on our side; it has been logged. Press CONNECT to try again."
        : message,
      backHref: null,
      backLabel: null,
    },
    unexpected ? 503 : status,
  );
}

// An embedded CONNECT's page posts its outcome to the popup's opener, the embedded iframe, which is
// served from Latchkey's own origin: that exact origin is the message's target.
export const GET = pageRoute(failed, async (request) => {
  const db = await getDb();
  // The session is optional (an e-mailed link has none); when present it must be the starter's.
  const user = await getCurrentUser().catch(() => null);
  const result = await handleCallback(db, new URL(request.url).searchParams, { sessionUserId: user?.id ?? null });
  return result.kind === "redirect"
    ? oauthRedirect(result.location)
    : resultPageResponse(result, result.ok ? 200 : 400, new URL(env.baseUrl).origin);
});
