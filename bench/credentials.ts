// npm run bench:credentials [-- --quick] [-- --sizes=10000,100000] [-- --limit=10]
// The all-credentials list filtered by label (GET /api/v1/credentials, in process: the API key
// check, the query and the DTOs), with 100 credentials (the baseline) and with 10,000 and 100,000
// across one customer per 20, measured in alternating rounds. Ratio (last line, one per size): the
// median over the pairs of the larger's time / the baseline's; target ≤ 1.5.
// Both sides answer a full page (an eighth of the labels match: 12 of 100), so that the ratio
// measures what the number stored costs, not the difference between a page of 12 rows and one of
// 50 (which is what a limit of 50 mostly measured: the query itself takes well under a millisecond
// at either size, see EXPLAIN).
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { closeDb, databaseKind, getDb, type Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/service";
import { encryptForTenant } from "@/lib/crypto/tenant-keys";
import { GET } from "@/app/api/v1/credentials/route";
import { compare, median, option, pairCount, quick } from "./lib/pairs";

const OPERATIONS = quick ? 15 : 40;
const BASE = 100;
const LIMIT = Number(option("limit") ?? 10);
const sizes = (option("sizes") ?? (quick ? "10000" : "10000,100000")).split(",").map(Number);
const words = ["Billing", "Warehouse", "Payroll", "Analytics", "Storage", "Marketing", "Support", "Ledger"];

/**
 * An organization with `total` credentials, a tenth its own and the rest its customers' (one per
 * 20), made by the database in one statement (100,000 in about 2 s); returns a viewer key.
 */
async function seed(db: Db, total: number) {
  const [org] = await db
    .insert(organizations)
    .values({ name: `Bench ${total}`, slug: `bench-${total}-${randomUUID()}` })
    .returning();
  const orgId = org!.id;
  const customerCount = Math.ceil(total / 20);
  // The list never decrypts: one real ciphertext of the usual size stands for all of them.
  const id0 = randomUUID();
  const valuesCiphertext = await encryptForTenant(
    db,
    { organizationId: orgId, customerId: null },
    id0,
    JSON.stringify({ values: { api_key: "key-0123456789abcdef" }, headers: [] }),
  );
  // About 1 in 8 labels contains the searched word, the same share at every size; each row a
  // millisecond older than the one before, as rows made one by one would be.
  await db.execute(sql`
    with made as (
      insert into customers (organization_id, name)
      select ${orgId}, 'Customer ' || g from generate_series(0, ${customerCount - 1}) g
      returning id),
    numbered as (select id, row_number() over () - 1 as k from made)
    insert into credentials (id, organization_id, customer_id, label, auth_method, values_ciphertext, fields_set, complete, created_at)
    select case when g = 0 then ${id0}::uuid else gen_random_uuid() end, ${orgId}, n.id,
      (${JSON.stringify(words)}::jsonb ->> (g % ${words.length})) || ' ' || g, 'api_key', ${valuesCiphertext}, '{api_key}', true,
      now() - g * interval '1 millisecond'
    from generate_series(0, ${total - 1}) g
    left join numbered n on g % 10 <> 0 and n.k = g % ${customerCount}`);
  const { token } = await createApiKey(db, orgId, null, { name: "bench", role: "viewer" });
  return token;
}

/** One round: the median time of the filtered list's first page. */
async function list(token: string) {
  const times: number[] = [];
  for (let i = 0; i < OPERATIONS; i++) {
    const request = new Request(`http://localhost/api/v1/credentials?owner=all&label=payroll&limit=${LIMIT}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const start = performance.now();
    const response = await GET(request, { params: Promise.resolve({}) });
    const body = (await response.json()) as { data: unknown[] };
    times.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`list answered ${response.status}`);
    if (i === 0 && body.data.length !== LIMIT) throw new Error(`a page of ${body.data.length}, expected ${LIMIT}`);
  }
  return { value: median(times) };
}

async function main() {
  const db = await getDb();
  const small = await seed(db, BASE);
  for (const size of sizes) {
    const seedStart = performance.now();
    const large = await seed(db, size);
    // What autovacuum would do after a bulk load on a server; PGlite runs no autovacuum.
    await db.execute(sql`vacuum analyze`);
    console.log(`  (stored ${size.toLocaleString("en")} in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);
    await compare(
      {
        bench: `credentials ${size.toLocaleString("en")}`,
        ratioName: `${size.toLocaleString("en")}/${BASE}`,
        unit: "ms",
        pairs: pairCount(),
        target: { op: "≤", value: 1.5 },
        database: await databaseKind(),
        setting: `filtered list (label, limit ${LIMIT}), ${BASE} vs ${size.toLocaleString("en")} credentials, round = median of ${OPERATIONS} requests`,
      },
      { label: `${BASE} credentials`, run: () => list(small) },
      { label: `${size.toLocaleString("en")} credentials`, run: () => list(large) },
    );
  }
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
