// npm run bench:refresh-scale [-- --quick] [-- --stored=100000,1000000]
// The time to find and claim 100 due connections (the cron's count of what is due, then one claim
// of 100 with SKIP LOCKED) among 1,000 stored (the baseline) and among many more (the subject), each
// in a database of its own, measured in alternating rounds: the partial index on next_refresh_at
// means the cost follows the number due, not the number stored. Ratio (last line, one per size):
// the median over the pairs of the larger's time / the baseline's; target ≤ 1.3.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { claimDue, countDue } from "@/lib/refresh/claim";
import { databaseName, openBenchDb } from "./lib/databases";
import { compare, median, option, pairCount, quick } from "./lib/pairs";

const OPERATIONS = quick ? 15 : 40;
const DUE = 100;
const BASE = 1_000;
// PGlite is one process in WebAssembly: a million rows there takes minutes to seed and is not what
// it is for, so its full mode stops at 100,000 unless told otherwise.
const sizes = (option("stored") ?? (quick ? "20000" : databaseName() === "postgres" ? "100000,1000000" : "100000"))
  .split(",")
  .map(Number);

/** Adds `count` credentials with tokens, none of them due (their next refresh is hours away), in a few big statements. */
async function store(db: Db, organizationId: string, count: number) {
  for (let done = 0; done < count; done += 100_000) {
    const n = Math.min(100_000, count - done);
    await db.execute(sql`
      with c as (
        insert into credentials (organization_id, label, auth_method, values_ciphertext, fields_set, complete)
        select ${organizationId}, 'Stored ' || g, 'oauth2', 'not-read-by-this-bench', '{}', true from generate_series(1, ${n}) g
        returning id)
      insert into credential_tokens (credential_id, organization_id, grant_type, tokens_ciphertext, has_refresh_token, expires_at, next_refresh_at)
      select id, ${organizationId}, 'authorization_code', 'not-read-by-this-bench', true, now() + interval '2 hours' + random() * interval '30 days',
        now() + interval '1 hour' + random() * interval '30 days' from c`);
  }
}

/** A database holding `count` credentials of which DUE are due. */
async function prepare(db: Db, count: number) {
  const [org] = await db
    .insert(organizations)
    .values({ name: "Refresh scale bench", slug: `refresh-scale-${randomUUID()}` })
    .returning();
  await store(db, org!.id, count);
  await db.execute(
    sql`update credential_tokens set next_refresh_at = now() - interval '1 minute' where credential_id in (select credential_id from credential_tokens limit ${DUE})`,
  );
  await db.execute(sql`vacuum analyze`);
}

/** One round: the median time to count what is due and claim it, putting the rows back after each. */
async function findAndClaim(db: Db) {
  const times: number[] = [];
  for (let i = 0; i < OPERATIONS; i++) {
    const start = performance.now();
    const { due } = await countDue(db);
    const claims = await claimDue(db, { limit: DUE, leaseMs: 60_000 });
    times.push(performance.now() - start);
    if (due !== DUE || claims.length !== DUE)
      throw new Error(`found ${due} due and claimed ${claims.length}, expected ${DUE}`);
    // Put back what was claimed, by key, as a commit would (not by scanning the whole table).
    await db.execute(
      sql`update credential_tokens set lease_until = null, lease_holder = null where credential_id = any(${`{${claims.map((c) => c.credentialId).join(",")}}`}::uuid[])`,
    );
  }
  // What autovacuum does between cron runs on a server: the next round starts from a clean table.
  await db.execute(sql`vacuum credential_tokens`);
  return { value: median(times) };
}

async function main() {
  const small = await openBenchDb("scale_small");
  const large = await openBenchDb("scale_large");
  try {
    await prepare(small.db, BASE);
    // The same 1,000 (100 of them due) in both, then the larger grows with credentials not due.
    await prepare(large.db, BASE);
    let stored = BASE;
    for (const size of sizes) {
      const [org] = await large.db
        .insert(organizations)
        .values({ name: "Refresh scale bench", slug: `refresh-scale-${randomUUID()}` })
        .returning();
      const seedStart = performance.now();
      await store(large.db, org!.id, size - stored);
      stored = size;
      await large.db.execute(sql`vacuum analyze`);
      console.log(
        `  (stored ${size.toLocaleString("en")} in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`,
      );
      await compare(
        {
          bench: `refresh-scale ${size.toLocaleString("en")}`,
          ratioName: `${size.toLocaleString("en")}/${BASE.toLocaleString("en")}`,
          unit: "ms",
          pairs: pairCount(),
          target: { op: "≤", value: 1.3 },
          database: databaseName(),
          setting: `${DUE} due among ${BASE.toLocaleString("en")} vs ${size.toLocaleString("en")} stored, round = median of ${OPERATIONS} count+claim`,
        },
        { label: `${BASE.toLocaleString("en")} stored`, run: () => findAndClaim(small.db) },
        { label: `${size.toLocaleString("en")} stored`, run: () => findAndClaim(large.db) },
      );
    }
  } finally {
    await small.close();
    await large.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
