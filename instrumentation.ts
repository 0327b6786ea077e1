// Runs once when a server starts: check the configuration, migrate and seed, so that the first
// request finds a ready database and a bad setup stops the server with a clear message.
export async function register() {
  // Node-only modules: never load them in the edge runtime that also calls register().
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/startup");
  await startServer();
}
