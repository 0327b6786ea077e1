import { afterAll, inject } from "vitest";

// Runs in each test worker before the test file is imported, so that lib/env.ts (which reads
// process.env once, at import) sees the run's settings. DATABASE_URL passes through untouched:
// set means a real PostgreSQL server, unset means the embedded PGlite in the fresh data folder.
process.env.LATCHKEY_DATA_DIR = inject("latchkeyDataDir");
process.env.LATCHKEY_ALLOW_PRIVATE_NETWORK = "true";
(process.env as Record<string, string>).NODE_ENV = "test";

// The files of one run share the data folder one after another (fileParallelism is off): close the
// database of this file cleanly, so the next file's PGlite opens a folder that was shut down
// properly, and postgres.js connections do not linger.
afterAll(async () => {
  if (!(globalThis as { latchkeyDb?: unknown }).latchkeyDb) return;
  const client: { closeDb?: () => Promise<void> } = await import("@/db/client");
  await client.closeDb?.();
});
