// A database of its own for one side of a bench that needs two (the refresh scale bench: what is
// due is counted across a whole database). On PostgreSQL a new database beside DATABASE_URL's, on
// PGlite a new data folder; either is migrated like the app's and removed on close.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db/client";
import { pgliteExtensions } from "@/db/pglite-extensions";
import * as schema from "@/db/schema";

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export type BenchDb = { db: Db; close: () => Promise<void> };

export async function openBenchDb(name: string): Promise<BenchDb> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const target = new URL(url);
    const database = `${target.pathname.slice(1)}_${name}`.replace(/[^a-z0-9_]/gi, "_");
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${database}"`);
    await admin.unsafe(`create database "${database}"`);
    target.pathname = `/${database}`;
    const client = postgres(target.toString(), { max: 10, onnotice: () => {} });
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return {
      db: db as unknown as Db,
      close: async () => {
        await client.end({ timeout: 5 });
        await admin.unsafe(`drop database if exists "${database}"`);
        await admin.end({ timeout: 5 });
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dir = mkdtempSync(path.join(os.tmpdir(), `latchkey-bench-${name}-`));
  const client = await PGlite.create(dir, { extensions: await pgliteExtensions() });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    close: async () => {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const databaseName = () => (process.env.DATABASE_URL ? "postgres" : "pglite");
