// The small HTML pages of the OAuth routes (the callback's outcome, an authorization that cannot
// start). Self-contained: inline styles only and nothing loaded from anywhere, so that the page the
// provider redirects to, with the code in its URL, talks to no third party.

export type ResultPage = {
  ok: boolean;
  title: string;
  message: string;
  backHref: string | null;
  backLabel: string | null;
  /** Set for a CONNECT started in an embedded screen: the page tells the iframe that opened its popup, then closes. */
  embedded?: { instanceId: string | null; connection: string | null; ok: boolean; message: string };
};

/** What the callback page of an embedded CONNECT posts to its opener (the iframe), and to which exact origin. */
export type OpenerNotice = { nonce: string; origin: string };

// Posts the outcome to the opener at one exact origin (Latchkey's own: the opener is the embedded
// iframe) and closes; without an opener (a blocked popup became a full-page flow) the page stays.
const NOTIFY_SCRIPT = `(function(){var d=JSON.parse(document.getElementById("latchkey-outcome").textContent);if(window.opener&&!window.opener.closed){try{window.opener.postMessage(d.message,d.origin)}catch(e){}window.close()}})();`;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f8fafc;color:#0f172a;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{max-width:32rem;margin:1rem;padding:2rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 2px rgba(0,0,0,.06);border-top:4px solid var(--c)}
h1{font-size:1.25rem;margin:0 0 .75rem}p{margin:0 0 1rem;color:#334155}a{color:#1d4ed8}.hint{font-size:14px;color:#64748b}`;

/** JSON that can sit inside a <script> element: no "<" to close it. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

/** The page, as a full HTML document. */
export function renderResultPage(page: ResultPage, notice?: OpenerNotice): string {
  const colour = page.ok ? "#16a34a" : "#dc2626";
  const back =
    page.backHref && page.backLabel ? `<p><a href="${escape(page.backHref)}">${escape(page.backLabel)}</a></p>` : "";
  const notify =
    page.embedded && notice
      ? `<p class="hint">This window closes by itself; if it stays open, close it and go back to the integration.</p><script type="application/json" id="latchkey-outcome">${scriptJson({ origin: notice.origin, message: { type: "latchkey:oauth-complete", ...page.embedded } })}</script><script nonce="${escape(notice.nonce)}">${NOTIFY_SCRIPT}</script>`
      : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${escape(page.title)} · Latchkey</title><style>${STYLE}</style></head>
<body><main style="--c:${colour}" role="${page.ok ? "status" : "alert"}"><h1>${escape(page.title)}</h1><p>${escape(page.message)}</p>${back}${notify}</main></body></html>`;
}

/** Headers of every OAuth page and redirect: no referrer (the URL holds a code), no caching, no framing, nothing external. */
export const oauthPageHeaders: Record<string, string> = {
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
};

/** An HTML page response; an embedded flow's page gets its one script, allowed by a fresh nonce. */
export function resultPageResponse(page: ResultPage, status = 200, openerOrigin?: string): Response {
  const notice =
    page.embedded && openerOrigin ? { origin: openerOrigin, nonce: crypto.randomUUID().replace(/-/g, "") } : undefined;
  const headers: Record<string, string> = { ...oauthPageHeaders, "Content-Type": "text/html; charset=utf-8" };
  if (notice)
    headers["Content-Security-Policy"] = headers["Content-Security-Policy"]!.replace(
      "style-src 'unsafe-inline';",
      `style-src 'unsafe-inline'; script-src 'nonce-${notice.nonce}';`,
    );
  return new Response(renderResultPage(page, notice), { status, headers });
}

/** A redirect response that leaks nothing through Referer. */
export function oauthRedirect(location: string): Response {
  return new Response(null, { status: 303, headers: { ...oauthPageHeaders, Location: location } });
}
