import "server-only";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import { dataDir } from "@/lib/data-dir";
import { withAfterCommit } from "./after-commit";
import { pgliteExtensions } from "./pglite-extensions";
import * as schema from "./schema";
import { seedIfEmpty } from "./seed";

export type Schema = typeof schema;
/** A database or a transaction: every query function takes one, so the same code serves both. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = "pglite" | "postgres";

type Handle = { db: Db; kind: DatabaseKind; close: () => Promise<void> };

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
// Any constant works; it only has to be the same on every app server.
const MIGRATION_LOCK = 74_260_001;
/** Connections one server's postgres.js pool may open (the metrics report it); PGlite is one. */
export const POOL_MAX = 10;

async function openPostgres(url: string): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // Several app servers may start at once: one migrates while the others wait on the lock. The lock
  // is per session, so migration runs on a client of its own with a single connection.
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(migrator, { schema }), { migrationsFolder });
  } finally {
    await migrator.end({ timeout: 5 });
  }
  const sql = postgres(url, { max: POOL_MAX, onnotice: () => {}, connection: { application_name: "latchkey" } });
  const db = drizzle(sql, { schema }) as unknown as Db;
  return { db, kind: "postgres", close: () => sql.end({ timeout: 5 }) };
}

async function openPglite(): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = await PGlite.create(path.join(dataDir(), "pglite"), { extensions: await pgliteExtensions() });
  const pg = drizzle(client, { schema });
  await migrate(pg, { migrationsFolder });
  return { db: pg as unknown as Db, kind: "pglite", close: () => client.close() };
}

async function open(): Promise<Handle> {
  const opened = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL) : await openPglite();
  const handle = { ...opened, db: withAfterCommit(opened.db) };
  await seedIfEmpty(handle.db);
  return handle;
}

// One client per process: PGlite has no lock, so two instances on one folder would lose writes.
const globalForDb = globalThis as unknown as { latchkeyDb?: Promise<Handle> };

function handle(): Promise<Handle> {
  if (!globalForDb.latchkeyDb) {
    globalForDb.latchkeyDb = open().catch((error: unknown) => {
      globalForDb.latchkeyDb = undefined;
      throw error;
    });
  }
  return globalForDb.latchkeyDb;
}

/** The database, migrated and seeded on first use. */
export async function getDb(): Promise<Db> {
  return (await handle()).db;
}

/** Which database this process runs on. */
export async function databaseKind(): Promise<DatabaseKind> {
  return (await handle()).kind;
}

/**
 * The database if this process has it open, without opening it: for work that follows a write
 * (the webhook kick), which must never reopen a database a script or test has just closed.
 */
export async function openedDb(): Promise<Db | undefined> {
  const current = globalForDb.latchkeyDb;
  return current ? (await current).db : undefined;
}

/** Closes the client (scripts and tests). */
export async function closeDb(): Promise<void> {
  const current = globalForDb.latchkeyDb;
  globalForDb.latchkeyDb = undefined;
  if (current) await (await current).close();
}
