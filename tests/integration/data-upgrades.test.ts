import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { dataUpgrades } from "@/db/schema";
import { runDataUpgradeOnce } from "@/lib/upgrades/once";

// Start-up data upgrades (such as dropping the hidden defaults that wizard-made credentials copied
// before issue 13) read every row they concern: they run on the first start only, not on each.
describe("data upgrades at start-up", () => {
  it("run once, are recorded, and are skipped on the next start", async () => {
    const db = await getDb();
    const name = `upgrade-${randomUUID()}`;
    let runs = 0;
    const upgrade = async () => ({ rewritten: ++runs });
    expect(await runDataUpgradeOnce(db, name, upgrade)).toEqual({ rewritten: 1 });
    expect(await db.select().from(dataUpgrades).where(eq(dataUpgrades.name, name))).toHaveLength(1);
    expect(await runDataUpgradeOnce(db, name, upgrade)).toBeUndefined();
    expect(runs).toBe(1);
  });

  it("an upgrade that fails is not recorded, so the next start tries again", async () => {
    const db = await getDb();
    const name = `upgrade-${randomUUID()}`;
    await expect(runDataUpgradeOnce(db, name, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await db.select().from(dataUpgrades).where(eq(dataUpgrades.name, name))).toHaveLength(0);
    expect(await runDataUpgradeOnce(db, name, async () => "done")).toBe("done");
  });
});
