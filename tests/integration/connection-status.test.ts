import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { statusCase } from "@/lib/connections/health";
import { connectionStatus } from "@/lib/connections/status";

// The status rule is written once (lib/connections/status.ts) and the dashboard's SQL is generated
// from it: on every combination of a connection's facts, the database and connectionStatus agree.

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

const t1 = "2030-06-15T12:00:00.000Z";
const t2 = "2030-06-15T12:05:00.000Z";

describe("connection status, in SQL and in code", () => {
  it("agrees on every combination of configured, complete, last use and last failure", async () => {
    const combos: { configured: boolean; complete: boolean; used: string | null; failed: string | null }[] = [];
    for (const configured of [true, false])
      for (const complete of [true, false])
        for (const used of [null, t1, t2])
          for (const failed of [null, t1, t2]) combos.push({ configured, complete, used, failed });
    const rows = sql.join(
      combos.map(
        (c, i) =>
          sql`(${i}::int, ${c.configured ? "00000000-0000-4000-8000-000000000001" : null}::uuid, ${c.configured ? c.complete : null}::boolean, ${c.configured ? c.used : null}::timestamptz, ${c.configured ? c.failed : null}::timestamptz)`,
      ),
      sql`, `,
    );
    const result = await db.execute(sql`
      select n, complete, last_used_at as "lastUsedAt", last_failed_at as "lastFailedAt", ${statusCase} as status
      from (values ${rows}) as c(n, id, complete, last_used_at, last_failed_at) order by n`);
    const read = rowsOf<{
      n: number;
      complete: boolean | null;
      lastUsedAt: string | Date | null;
      lastFailedAt: string | Date | null;
      status: string;
    }>(result);
    expect(read).toHaveLength(combos.length);
    const when = (v: string | Date | null) => (v === null ? null : new Date(v));
    for (const r of read) {
      const expected = connectionStatus({
        complete: r.complete === true,
        incompleteReason: null,
        lastUsedAt: when(r.lastUsedAt),
        lastFailedAt: when(r.lastFailedAt),
        lastError: null,
      }).status;
      expect({ combo: combos[Number(r.n)], status: r.status }).toEqual({
        combo: combos[Number(r.n)],
        status: expected,
      });
    }
    // Each colour occurs, so agreement is not the trivial one.
    expect(new Set(read.map((r) => r.status))).toEqual(new Set(["red", "yellow", "green"]));
  });
});
