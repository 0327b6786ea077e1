// npm run bench:credentials [-- --quick]
// The all-credentials list filtered by label, with 100 credentials and with 10,000 across 500
// customers: median in-process time of the route handler for each, and their ratio (last line).
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { closeDb, getDb, type Db } from "@/db/client";
import { credentials, customers, organizations } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/service";
import { encryptForTenant } from "@/lib/crypto/tenant-keys";
import { GET } from "@/app/api/v1/credentials/route";

const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 15 : 60;
const words = ["Billing", "Warehouse", "Payroll", "Analytics", "Storage", "Marketing", "Support", "Ledger"];

async function seed(db: Db, total: number, customerCount: number) {
  const [org] = await db
    .insert(organizations)
    .values({ name: `Bench ${total}`, slug: `bench-${total}-${randomUUID()}` })
    .returning();
  const orgId = org!.id;
  const custs = await db
    .insert(customers)
    .values(Array.from({ length: customerCount }, (_, i) => ({ organizationId: orgId, name: `Customer ${i}` })))
    .returning({ id: customers.id });
  const rows = [];
  for (let i = 0; i < total; i++) {
    const customerId = i % 10 === 0 ? null : custs[i % custs.length]!.id;
    const id = randomUUID();
    const valuesCiphertext = await encryptForTenant(
      db,
      { organizationId: orgId, customerId },
      id,
      JSON.stringify({ values: { api_key: `key-${i}` }, headers: [] }),
    );
    // About 1 in 8 labels contains the searched word, the same share at both sizes.
    rows.push({
      id,
      organizationId: orgId,
      customerId,
      label: `${words[i % words.length]} ${i}`,
      authMethod: "api_key",
      valuesCiphertext,
      fieldsSet: ["api_key"],
      complete: true,
    });
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insert(credentials).values(rows.slice(i, i + 1000));
  const { token } = await createApiKey(db, orgId, null, { name: "bench", role: "viewer" });
  return token;
}

async function median(token: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS + 3; i++) {
    const request = new Request("http://localhost/api/v1/credentials?owner=all&label=payroll&limit=50", {
      headers: { authorization: `Bearer ${token}` },
    });
    const start = performance.now();
    const response = await GET(request, { params: Promise.resolve({}) });
    await response.json();
    if (response.status !== 200) throw new Error(`list answered ${response.status}`);
    if (i >= 3) times.push(performance.now() - start);
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)]!;
}

async function main() {
  const db = await getDb();
  const small = await seed(db, 100, 5);
  const large = await seed(db, 10_000, 500);
  // What autovacuum would do after a bulk load on a server; PGlite runs no autovacuum.
  await db.execute(sql`analyze`);
  // Interleave the two measurements so that machine noise hits both alike.
  const s1 = await median(small);
  const l1 = await median(large);
  const s2 = await median(small);
  const l2 = await median(large);
  const s = Math.min(s1, s2);
  const l = Math.min(l1, l2);
  await closeDb();
  console.log(`100 credentials:    median ${s.toFixed(2)} ms`);
  console.log(`10,000 credentials: median ${l.toFixed(2)} ms`);
  console.log(`ratio 10,000/100: ${(l / s).toFixed(2)} (target ≤ 1.5)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
