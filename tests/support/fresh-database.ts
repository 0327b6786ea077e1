import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Db } from "@/db/client";
import { pgliteExtensions } from "@/db/pglite-extensions";
import * as schema from "@/db/schema";

// An empty, migrated database beside the run's shared one, for tests of what happens on a first
// start (the seed): on PostgreSQL a new database in the run's cluster, on PGlite an in-memory one.

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export async function freshDatabase(): Promise<{ db: Db; close: () => Promise<void> }> {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    const client = await PGlite.create({ extensions: await pgliteExtensions() });
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return { db: db as unknown as Db, close: () => client.close() };
  }
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const name = `latchkey_fresh_${randomUUID().replaceAll("-", "")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const sql = postgres(target.toString(), { max: 2, onnotice: () => {} });
  const db = drizzle(sql, { schema });
  await migrate(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    close: async () => {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name}`);
      await admin.end({ timeout: 5 });
    },
  };
}
