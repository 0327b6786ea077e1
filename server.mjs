// The production server (`npm start`, `npm run demo`): Next.js behind a light listener. The runtime
// hot path that integration code calls in loops (the proxy, the runtime values) is answered by its
// own route handlers directly (hot-routes.ts, handed over by instrumentation.ts once the
// start-up checks have run), because Next's router costs more than those calls themselves on a
// small machine (docs/benchmarks.md); every other request is Next's. Same options as `next start`: -p/--port, -H/--hostname,
// --keepAliveTimeout (ms).
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

// As `next start` sets it: production is what lib/env.ts reads the mode from.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const args = process.argv.slice(2);
const option = (...names) => {
  const at = args.findIndex((a) => names.includes(a));
  return at === -1 ? undefined : args[at + 1];
};
const port = Number(option("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = option("-H", "--hostname");
const keepAliveTimeout = Number(option("--keepAliveTimeout") ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Not a port: ${option("-p", "--port") ?? process.env.PORT}`);
  process.exit(1);
}

const app = next({
  dev: false,
  dir: path.dirname(fileURLToPath(import.meta.url)),
  hostname: hostname ?? "localhost",
  port,
});
const handle = app.getRequestHandler();
await app.prepare();
const HOT_ROUTES = Symbol.for("latchkey.hotRoutes");

// LATCHKEY_LIGHT_DOOR=false sends every request through Next (to rule the light door out, or to
// measure what it saves: npm run bench:runtime).
const lightDoor = process.env.LATCHKEY_LIGHT_DOOR !== "false";

const server = createServer((req, res) => {
  // Set once instrumentation.ts has run (the start-up checks, the database): until then, Next's door.
  /** @type {((req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => boolean) | undefined} */
  const hot = lightDoor ? globalThis[HOT_ROUTES] : undefined;
  if (hot?.(req, res)) return;
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
if (keepAliveTimeout > 0) server.keepAliveTimeout = keepAliveTimeout;
server.listen(port, hostname, () => {
  console.log(`▲ Listening on http://${hostname ?? "localhost"}:${port}`);
});

// As `next start` does: stop taking connections, let the ones in flight finish, then leave.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close(() => void app.close().finally(() => process.exit(0)));
  server.closeIdleConnections();
  // A proxied download may stream for long: it does not hold the server up past this.
  setTimeout(() => process.exit(0), 10_000).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
