// npm run bench:refresh-scale [-- --quick]
// The time to find and claim 100 due connections (the cron's count of what is due, then one claim
// of 100 with SKIP LOCKED) among 1,000 stored and among 100,000 stored: the partial index on
// next_refresh_at means the cost follows the number due, not the number stored. Ratio (last line):
// 100,000 / 1,000; target ≤ 1.3.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { closeDb, databaseKind, getDb, type Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { claimDue, countDue } from "@/lib/refresh/claim";

const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 15 : 60;
const DUE = 100;

/** Adds `count` credentials with tokens, none of them due (their next refresh is hours away). */
async function store(db: Db, organizationId: string, count: number) {
  for (let done = 0; done < count; done += 10_000) {
    const n = Math.min(10_000, count - done);
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

/** Median time to count what is due and claim it, putting the rows back after each round. */
async function findAndClaim(db: Db): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS + 3; i++) {
    const start = performance.now();
    const { due } = await countDue(db);
    const claims = await claimDue(db, { limit: DUE, leaseMs: 60_000 });
    const ms = performance.now() - start;
    if (due !== DUE || claims.length !== DUE)
      throw new Error(`found ${due} due and claimed ${claims.length}, expected ${DUE}`);
    await db.execute(
      sql`update credential_tokens set lease_until = null, lease_holder = null where lease_holder is not null`,
    );
    if (i >= 3) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function main() {
  const db = await getDb();
  const [org] = await db
    .insert(organizations)
    .values({ name: "Refresh scale bench", slug: `refresh-scale-${randomUUID()}` })
    .returning();
  await store(db, org!.id, 1_000);
  // The due ones: among the first thousand.
  await db.execute(
    sql`update credential_tokens set next_refresh_at = now() - interval '1 minute' where credential_id in (select credential_id from credential_tokens where organization_id = ${org!.id} limit ${DUE})`,
  );
  await db.execute(sql`analyze`);
  const small1 = await findAndClaim(db);
  await store(db, org!.id, 99_000);
  await db.execute(sql`analyze`);
  const large1 = await findAndClaim(db);
  const large2 = await findAndClaim(db);
  const small = small1;
  const large = Math.min(large1, large2);
  console.log(`database: ${await databaseKind()}; ${DUE} due; median of ${ROUNDS} rounds`);
  console.log(`1,000 stored:   ${small.toFixed(2)} ms`);
  console.log(`100,000 stored: ${large.toFixed(2)} ms (${large1.toFixed(2)}, ${large2.toFixed(2)})`);
  await closeDb();
  console.log(`ratio 100,000/1,000: ${(large / small).toFixed(2)} (target ≤ 1.3)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
