import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, type Db } from "@/db/client";
import { customers, organizations, tenantKeys } from "@/db/schema";
import { createCredential } from "@/lib/credentials/service";
import { readCredentialValues } from "@/lib/credentials/secrets";
import { unwrapDataKey } from "@/lib/crypto/envelope";
import { buildKeyring } from "@/lib/crypto/keyring";
import { loadKeyring, resetKeyring } from "@/lib/crypto/master-key";
import { clearDataKeyCache } from "@/lib/crypto/tenant-keys";

// Encryption at rest against the real database: a dump holds no plaintext secret, and
// `npm run keys:rotate`, run as a real separate process, re-wraps every data key so that
// everything still decrypts and the old master key opens nothing.

const run = promisify(execFile);
const PG_DUMP = "/usr/lib/postgresql/15/bin/pg_dump";
const secrets = { api: `sk_live_${randomUUID()}`, password: `pw-${randomUUID()}`, header: `hdr-${randomUUID()}` };
let db: Db;
let orgId: string;
let customerId: string;
const ids: { org: string; customer: string } = { org: "", customer: "" };

function rows(result: unknown): Record<string, unknown>[] {
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? result) as Record<string, unknown>[];
}

/** Every row of every table, as text. */
async function dumpTables(): Promise<string> {
  const tables = rows(
    await db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    ),
  ).map((r) => String(r.table_name));
  expect(tables).toEqual(expect.arrayContaining(["credentials", "tenant_keys", "users", "api_keys"]));
  let out = "";
  for (const table of tables) {
    const [row] = rows(
      await db.execute(sql.raw(`select coalesce(string_agg(t::text, E'\\n'), '') as dump from "${table}" t`)),
    );
    out += `${table}\n${String(row?.dump ?? "")}\n`;
  }
  return out;
}

beforeAll(async () => {
  db = await getDb();
  const [org] = await db
    .insert(organizations)
    .values({ name: "Crypto Org", slug: `crypto-${randomUUID()}` })
    .returning();
  const [customer] = await db
    .insert(customers)
    .values({ organizationId: org!.id, name: "Crypto Customer" })
    .returning();
  orgId = org!.id;
  customerId = customer!.id;
  const a = await createCredential(
    db,
    { organizationId: orgId },
    { label: "Org key", authMethod: "api_key", values: { api_key: secrets.api } },
    null,
  );
  const b = await createCredential(
    db,
    { organizationId: orgId },
    {
      label: "Customer OAuth",
      authMethod: "oauth2",
      customerId,
      values: { client_id: "id", client_secret: secrets.password },
      headers: [{ name: "X-Tenant", value: secrets.header, on: "both" }],
    },
    null,
  );
  ids.org = a.id;
  ids.customer = b.id;
});

describe("encryption at rest", () => {
  it("a dump of every table holds no plaintext secret and no raw data key", async () => {
    const dump = await dumpTables();
    for (const s of Object.values(secrets)) expect(dump).not.toContain(s);
    const ring = loadKeyring();
    for (const k of await db.select().from(tenantKeys)) {
      if (k.organizationId !== orgId) continue;
      const raw = unwrapDataKey(ring, { organizationId: k.organizationId, customerId: k.customerId }, k);
      for (const form of [raw.toString("base64"), raw.toString("base64url"), raw.toString("hex")])
        expect(dump).not.toContain(form);
    }
    // The ciphertexts are there and name their key.
    expect(dump).toMatch(/v1\.[A-Za-z0-9_-]+\./);
  });

  it.skipIf(!process.env.DATABASE_URL || !existsSync(PG_DUMP))(
    "pg_dump of the database holds no plaintext secret",
    async () => {
      const { stdout } = await run(PG_DUMP, ["--data-only", process.env.DATABASE_URL!], {
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(stdout).toContain("COPY public.credentials");
      for (const s of Object.values(secrets)) expect(stdout).not.toContain(s);
    },
  );

  it("after npm run keys:rotate (a separate process) everything decrypts and the old master key opens nothing", async () => {
    const dataDir = process.env.LATCHKEY_DATA_DIR!;
    const keyFile = path.join(dataDir, "master.key");
    loadKeyring();
    const oldKey = readFileSync(keyFile, "utf8").trim();
    // The embedded database allows one process: let go of it while the script runs.
    await closeDb();
    const { stdout } = await run(
      path.resolve("node_modules/.bin/tsx"),
      ["--conditions=react-server", "scripts/rotate-master-key.ts", "--generate"],
      {
        env: { ...process.env, NODE_ENV: "development" },
        timeout: 60_000,
      },
    );
    expect(stdout).toMatch(/re-wrapped [1-9]\d* data keys, 0 already current, 0 failed/);
    expect(readFileSync(keyFile, "utf8").trim()).not.toBe(oldKey);
    expect(existsSync(path.join(dataDir, "master.key.previous"))).toBe(false);

    resetKeyring();
    clearDataKeyCache();
    db = await getDb();
    expect((await readCredentialValues(db, { organizationId: orgId }, ids.org)).values.api_key).toBe(secrets.api);
    const customerSecret = await readCredentialValues(db, { organizationId: orgId, customerId }, ids.customer);
    expect(customerSecret.values.client_secret).toBe(secrets.password);
    expect(customerSecret.headers[0]?.value).toBe(secrets.header);

    const oldRing = buildKeyring(oldKey);
    const all = await db.select().from(tenantKeys);
    expect(all.length).toBeGreaterThan(1);
    for (const k of all) {
      expect(k.masterKeyId).toBe(loadKeyring().current.id);
      expect(() => unwrapDataKey(oldRing, { organizationId: k.organizationId, customerId: k.customerId }, k)).toThrow();
    }
  });
});
