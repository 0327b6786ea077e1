import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The fresh data folder of this run (embedded PGlite and generated development secrets). */
    latchkeyDataDir: string;
    /** Which database the integration run uses. */
    latchkeyDatabase: "pglite" | "postgres";
  }
}

/**
 * Runs once per `vitest run` of the integration project, in the main process: makes a fresh data
 * folder for this run and removes it afterwards. The worker-side setup file
 * (tests/support/integration-setup.ts) puts it into process.env before any app module loads.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "latchkey-test-data-"));
  const database = process.env.DATABASE_URL?.trim() ? "postgres" : "pglite";
  project.provide("latchkeyDataDir", dir);
  project.provide("latchkeyDatabase", database);
  console.log(`[integration] database: ${database}; data folder: ${dir}`);
  return () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
