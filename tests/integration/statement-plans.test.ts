import { Placeholder, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import type { FixedStatement } from "@/db/prepared";
import { rowsOf } from "@/db/rows";
import { recordStatements } from "@/lib/connections/events";
import { listCredentials } from "@/lib/credentials/queries";
import { commitStatement } from "@/lib/refresh/commit";
import { makeOrg } from "../support/oauth-fixtures";

// The hot path's fixed statements run prepared, so each connection soon keeps one generic plan for
// them. Their rows come as JSON parameters, which the planner takes for 100 rows whatever they
// hold: joined to a few thousand credentials, that once made every refresh commit scan the whole
// credentials and credential_tokens tables. These tests plan each statement the way a warm
// connection runs it (generic, on a table of a few thousand) and look for a scan of the big tables.

const STORED = 3_000;
const BIG_TABLES = ["credentials", "credential_tokens"];

const SMALL = 20;

let db: Db;
let small: string;

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
  // A small tenant whose labels match the same searches as the big one's.
  small = (await makeOrg(db)).organizationId;
  await db.execute(sql`
    insert into credentials (organization_id, label, auth_method, values_ciphertext, fields_set, complete)
    select ${small}, 'Stored ' || g, 'api_key', 'not-read-here', '{}', true from generate_series(1, ${SMALL}) g`);
  await db.execute(sql`analyze credentials`);
  await db.execute(sql`analyze credential_tokens`);
});

afterAll(async () => {
  await db.execute(sql`delete from credentials where label like 'Stored %' and values_ciphertext = 'not-read-here'`);
});

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  Plans?: PlanNode[];
};

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

const planOf = (result: unknown): PlanNode => {
  const [row] = rowsOf<{ "QUERY PLAN": [{ Plan: PlanNode }] | string }>(result as never);
  const plan = row!["QUERY PLAN"];
  return (typeof plan === "string" ? (JSON.parse(plan) as [{ Plan: PlanNode }]) : plan)[0]!.Plan;
};

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
      return scans(planOf(await tx.execute(sql.raw(`explain (format json) execute planned(${args.join(", ")})`))));
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

describe("a small tenant's label search beside a big one", () => {
  it("reads only its own rows when the label index serves it", async () => {
    const query = (
      listCredentials(db, { organizationId: small }, { owner: "all", label: "stored", limit: 10 }) as unknown as {
        toSQL: () => { sql: string; params: unknown[] };
      }
    ).toSQL();
    const literal = (v: unknown) => (typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
    const text = query.sql.replace(/\$(\d+)/g, (_, n: string) => literal(query.params[Number(n) - 1]));
    await db
      .transaction(async (tx) => {
        // Leave the label index as the only way in: a planner may pick it for any tenant, and then
        // a trigram index of every tenant's labels hands back the big tenant's 3,000 matches too.
        await tx.execute(sql`drop index credentials_organization_created_idx`);
        await tx.execute(sql`drop index credentials_customer_created_idx`);
        await tx.execute(sql`set local enable_seqscan = off`);
        const nodes = nodesOf(planOf(await tx.execute(sql.raw(`explain (analyze, format json) ${text}`))));
        const search = nodes.find((n) => n["Index Name"]?.includes("trgm"));
        expect(search, "the label index serves the search").toBeDefined();
        expect(Math.max(...nodes.map((n) => n["Actual Rows"] ?? 0))).toBeLessThanOrEqual(SMALL);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error && error.constructor.name === "TransactionRollbackError")) throw error;
      });
  });
});
