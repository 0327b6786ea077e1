// Runs once when a server starts: check the configuration, migrate and seed, so that the first
// request finds a ready database and a bad setup stops the server with a clear message.
export async function register() {
  // Node-only modules: never load them in the edge runtime that also calls register().
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  let startServer: () => Promise<void>;
  try {
    ({ startServer } = await import("./lib/startup"));
  } catch (error) {
    // lib/env.ts refuses a bad configuration when it loads: stop here with its message, rather
    // than leave a server up that fails every request. The logger reads that configuration too, so
    // this one message goes to stderr directly.
    process.stderr.write(`\n[latchkey] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  await startServer();
  // The light listener of server.mjs answers the runtime hot path with these routes' own handlers.
  const { serveHotRoute } = await import("./hot-routes");
  (globalThis as Record<symbol, unknown>)[Symbol.for("latchkey.hotRoutes")] = serveHotRoute;
}
