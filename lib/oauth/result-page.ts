// The small HTML pages of the OAuth routes (the callback's outcome, an authorization that cannot
// start). Self-contained: inline styles only and nothing loaded from anywhere, so that the page the
// provider redirects to, with the code in its URL, talks to no third party.

export type ResultPage = { ok: boolean; title: string; message: string; backHref: string | null; backLabel: string | null };

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f8fafc;color:#0f172a;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{max-width:32rem;margin:1rem;padding:2rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 2px rgba(0,0,0,.06);border-top:4px solid var(--c)}
h1{font-size:1.25rem;margin:0 0 .75rem}p{margin:0 0 1rem;color:#334155}a{color:#1d4ed8}`;

/** The page, as a full HTML document. */
export function renderResultPage(page: ResultPage): string {
  const colour = page.ok ? "#16a34a" : "#dc2626";
  const back = page.backHref && page.backLabel ? `<p><a href="${escape(page.backHref)}">${escape(page.backLabel)}</a></p>` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${escape(page.title)} · Latchkey</title><style>${STYLE}</style></head>
<body><main style="--c:${colour}" role="${page.ok ? "status" : "alert"}"><h1>${escape(page.title)}</h1><p>${escape(page.message)}</p>${back}</main></body></html>`;
}

/** Headers of every OAuth page and redirect: no referrer (the URL holds a code), no caching, no framing, nothing external. */
export const oauthPageHeaders: Record<string, string> = {
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
};

/** An HTML page response. */
export function resultPageResponse(page: ResultPage, status = 200): Response {
  return new Response(renderResultPage(page), { status, headers: { ...oauthPageHeaders, "Content-Type": "text/html; charset=utf-8" } });
}

/** A redirect response that leaks nothing through Referer. */
export function oauthRedirect(location: string): Response {
  return new Response(null, { status: 303, headers: { ...oauthPageHeaders, Location: location } });
}
