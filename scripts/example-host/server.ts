// An example partner page that embeds Latchkey: what a partner copies. Its server signs a short-lived
// JWT per page view with the partner's private key (whose public half is registered in Latchkey's
// Settings → Embedding), and its page frames Latchkey's embedded sign-in URL and speaks the
// postMessage API. It depends on nothing of Latchkey's code on purpose: only node:http and jose.
import { createPublicKey, randomUUID, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { calculateJwkThumbprint, exportJWK, importPKCS8, SignJWT } from "jose";

export type ExampleHostOptions = {
  /** Latchkey's public URL, e.g. http://localhost:3000. */
  latchkeyUrl: string;
  /** The token's aud: the organization's slug (or id) in Latchkey. */
  audience: string;
  /** The partner's private key, PKCS#8 PEM (RSA for RS256, EC P-256 for ES256). */
  privateKeyPem: string;
  host?: string;
  port?: number;
  /** The signed-in partner user and their account, unless the page's ?customer=&user= say otherwise. */
  customer?: { id: string; name: string };
  user?: { id: string; name: string; email: string; role: string };
  /** An accent colour for the embedded screens (the theme parameters of the sign-in URL). */
  accent?: string;
};

export type ExampleHost = { url: string; close: () => Promise<void> };

const ID = /^[A-Za-z0-9_.-]{1,64}$/;
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function signer(options: ExampleHostOptions) {
  const publicKey = createPublicKey(options.privateKeyPem);
  const alg = publicKey.asymmetricKeyType === "ec" ? "ES256" : "RS256";
  const key = await importPKCS8(options.privateKeyPem, alg);
  const kid = await calculateJwkThumbprint(await exportJWK(publicKey as KeyObject), "sha256");
  return async (
    customer: { id: string; name: string },
    user: { id: string; name: string; email: string; role: string },
  ) =>
    new SignJWT({
      customer: customer.id,
      customer_name: customer.name,
      name: user.name,
      email: user.email,
      role: user.role,
    })
      .setProtectedHeader({ alg, kid })
      .setSubject(user.id)
      .setAudience(options.audience)
      .setIssuedAt()
      .setExpirationTime("5m")
      .setJti(randomUUID())
      .sign(key);
}

/** The partner's page: the iframe, an event log, and a form that sets embedded fields through postMessage. */
function page(options: ExampleHostOptions, frameUrl: string, customerName: string): string {
  const latchkeyOrigin = new URL(options.latchkeyUrl).origin;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Partner app · Integrations</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#eef2f7;color:#0f172a}
header{background:#1e293b;color:#fff;padding:.75rem 1.5rem}main{display:grid;grid-template-columns:minmax(0,1fr) 22rem;gap:1rem;padding:1rem 1.5rem}
iframe{width:100%;height:760px;border:0;border-radius:8px;background:#fff}aside{background:#fff;border-radius:8px;padding:1rem}
label{display:block;font-size:13px;margin-top:.5rem}input{width:100%;box-sizing:border-box;padding:.35rem}button{margin-top:.75rem;padding:.4rem .8rem}
ol{font:12px/1.4 ui-monospace,monospace;padding-left:1.2rem;word-break:break-all}
</style></head>
<body>
<header><strong>Partner app</strong> · signed in as a user of ${escapeHtml(customerName)}</header>
<main>
<iframe id="latchkey" title="Integrations" src="${escapeHtml(frameUrl)}" allow="clipboard-write"></iframe>
<aside>
<h2>Partner controls</h2>
<p id="status" role="status">Waiting for Latchkey…</p>
<form id="set-values" aria-label="Set an embedded field">
<label for="instanceId">Instance id</label><input id="instanceId" name="instanceId" required>
<label for="connection">Connection key</label><input id="connection" name="connection" required>
<label for="field">Field key</label><input id="field" name="field" required>
<label for="value">Value</label><input id="value" name="value" required>
<button type="submit">Send latchkey:set-values</button>
</form>
<h3>Events from Latchkey</h3>
<ol id="events" aria-label="Events from Latchkey"></ol>
</aside>
</main>
<script>
const LATCHKEY = ${JSON.stringify(latchkeyOrigin)};
const frame = document.getElementById("latchkey");
const events = document.getElementById("events");
const status = document.getElementById("status");
window.addEventListener("message", (event) => {
  // Only the Latchkey iframe, at its exact origin.
  if (event.origin !== LATCHKEY || event.source !== frame.contentWindow) return;
  const m = event.data;
  const item = document.createElement("li");
  item.textContent = JSON.stringify(m);
  events.prepend(item);
  if (m.type === "latchkey:ready") status.textContent = "Latchkey is ready";
  if (m.type === "latchkey:connection-changed") status.textContent = m.connection + " is " + m.status;
  if (m.type === "latchkey:set-values-result") status.textContent = m.ok ? "Saved " + m.connection + " (" + m.status + ")" : "Refused: " + m.error;
});
document.getElementById("set-values").addEventListener("submit", (event) => {
  event.preventDefault();
  const f = new FormData(event.target);
  frame.contentWindow.postMessage({
    type: "latchkey:set-values",
    instanceId: f.get("instanceId"),
    connection: f.get("connection"),
    values: { [f.get("field")]: f.get("value") },
    requestId: crypto.randomUUID(),
  }, LATCHKEY);
});
</script>
</body></html>`;
}

/** Starts the example partner server; every page view signs a fresh token. */
export async function startExampleHost(options: ExampleHostOptions): Promise<ExampleHost> {
  const sign = await signer(options);
  const latchkey = options.latchkeyUrl.replace(/\/+$/, "");
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://partner.invalid");
      if (req.method !== "GET" || url.pathname !== "/") {
        res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
        return;
      }
      // A real partner takes these from its own session; the example lets ?customer=&user= pick them.
      const customerId = url.searchParams.get("customer") ?? options.customer?.id ?? "acme";
      const userId = url.searchParams.get("user") ?? options.user?.id ?? "user-1";
      if (!ID.test(customerId) || !ID.test(userId)) {
        res
          .writeHead(400, { "content-type": "text/plain" })
          .end("customer and user are 1-64 letters, digits, '.', '_' or '-'");
        return;
      }
      const customer = {
        id: customerId,
        name: options.customer?.id === customerId ? options.customer.name : `Customer ${customerId}`,
      };
      const user =
        options.user?.id === userId
          ? options.user
          : { id: userId, name: `User ${userId}`, email: `${userId}@partner.example`, role: "admin" };
      const token = await sign(customer, user);
      const frameUrl = new URL(`${latchkey}/embedded/sign-in`);
      frameUrl.searchParams.set("token", token);
      if (options.accent) frameUrl.searchParams.set("accent", options.accent);
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
        .end(page(options, frameUrl.href, customer.name));
    })().catch((error: unknown) => {
      console.error(`[example-host] ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent)
        res.writeHead(500, { "content-type": "text/plain" }).end("The example host could not sign a token");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
