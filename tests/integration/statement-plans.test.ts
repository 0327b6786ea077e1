import { Placeholder, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import type { FixedStatement } from "@/db/prepared";
import { rowsOf } from "@/db/rows";
import { recordStatements } from "@/lib/connections/events";
import { commitStatement } from "@/lib/refresh/commit";
import { makeOrg } from "../support/oauth-fixtures";

// The hot path's fixed statements run prepared, so each connection soon keeps one generic plan for
// them. Their rows come as JSON parameters, which the planner takes for 100 rows whatever they
// hold: joined to a few thousand credentials, that once made every refresh commit scan the whole
// credentials and credential_tokens tables. These tests plan each statement the way a warm
// connection runs it (generic, on a table of a few thousand) and look for a scan of the big tables.

const STORED = 3_000;
const BIG_TABLES = ["credentials", "credential_tokens"];

let db: Db;

beforeAll(async () => {
  db = await getDb();
  const org = await makeOrg(db);
  await db.execute(sql`
    with c as (
      insert into credentials (organization_id, customer_id, label, auth_method, values_ciphertext, fields_set, complete)
      select ${org.organizationId}, ${org.customerId}, 'Stored ' || g, 'oauth2', 'not-read-here', '{}', true from generate_series(1, ${STORED}) g
      returning id)
    insert into credential_tokens (credential_id, organization_id, grant_type, tokens_ciphertext, has_refresh_token, expires_at, next_refresh_at)
    select id, ${org.organizationId}, 'authorization_code', 'not-read-here', true, now() + interval '2 hours', now() + interval '1 hour' from c`);
  await db.execute(sql`analyze credentials`);
  await db.execute(sql`analyze credential_tokens`);
});

afterAll(async () => {
  await db.execute(sql`delete from credentials where label like 'Stored %' and values_ciphertext = 'not-read-here'`);
});

type PlanNode = { "Node Type": string; "Relation Name"?: string; Plans?: PlanNode[] };

const scans = (node: PlanNode): string[] => [
  ...(node["Node Type"] === "Seq Scan" && node["Relation Name"] ? [node["Relation Name"]] : []),
  ...(node.Plans ?? []).flatMap(scans),
];

/** The tables a statement's generic plan scans whole, planned on one connection and never run. */
async function scannedTables(statement: Pick<FixedStatement<never>, "query">): Promise<string[]> {
  const built = statement.query();
  const args = built.params.map((p) => {
    if (!(p instanceof Placeholder)) throw new Error("a fixed statement's parameters are its placeholders");
    return "'[]'";
  });
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
    await tx.execute(sql.raw(`prepare planned as ${built.sql}`));
    try {
      const result = await tx.execute(sql.raw(`explain (format json) execute planned(${args.join(", ")})`));
      const [row] = rowsOf<{ "QUERY PLAN": [{ Plan: PlanNode }] | string }>(result);
      const plan = row!["QUERY PLAN"];
      const [top] = typeof plan === "string" ? (JSON.parse(plan) as [{ Plan: PlanNode }]) : plan;
      return scans(top!.Plan);
    } finally {
      await tx.execute(sql`deallocate planned`);
    }
  });
}

describe(`the hot path's statements, planned for a warm connection among ${STORED.toLocaleString("en")} credentials`, () => {
  it("the refresh run's group commit reads the token rows and credentials it writes by key", async () => {
    const scanned = await scannedTables(commitStatement);
    expect(scanned.filter((t) => BIG_TABLES.includes(t))).toEqual([]);
  });

  it("the event writer (both forms) reads the credentials of its events by key", async () => {
    for (const statement of [recordStatements.quiet, recordStatements.loud]) {
      const scanned = await scannedTables(statement);
      expect(scanned.filter((t) => BIG_TABLES.includes(t))).toEqual([]);
    }
  });
});
