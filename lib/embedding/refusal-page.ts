import { frameAncestorsPolicy } from "./surface";

// The page a refused embedded sign-in shows inside the partner's iframe: what happened for the
// person, and a detail for the partner's developer. Self-contained (inline styles, nothing loaded)
// and framed only by the organization's allowed origins, when the token named an organization.

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f8fafc;color:#0f172a;margin:0;padding:1.5rem}
main{max-width:36rem;margin:0 auto;padding:1.5rem;background:#fff;border-radius:.5rem;border-top:4px solid #dc2626;box-shadow:0 1px 2px rgba(0,0,0,.06)}
h1{font-size:1.15rem;margin:0 0 .5rem}p{margin:0 0 .75rem;color:#334155}.detail{font-size:13px;color:#64748b}`;

/** An HTML response for a refused sign-in. */
export function refusalPageResponse(
  page: { title: string; message: string; detail: string },
  status: number,
  frameOrigins: readonly string[],
): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${escape(page.title)} · Latchkey</title><style>${STYLE}</style></head>
<body><main role="alert"><h1>${escape(page.title)}</h1><p>${escape(page.message)}</p><p class="detail">For the developer: ${escape(page.detail)}</p></main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": `default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; ${frameAncestorsPolicy(frameOrigins)}`,
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
