import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { credentials } from "@/db/schema";
import { encryptForTenant } from "@/lib/crypto/tenant-keys";
import { credentialFieldPolicies, inheritedDefaults } from "./field-policy";
import { listWizardCredentialsWithCiphertext } from "./queries";
import { openCredentialValues, type StoredSecret } from "./secrets";

// Before issue 13 the wizard copied the integration's defaults, hidden secrets included, into the
// customer's credential. Values are encrypted, so SQL cannot remove them: this routine, run at
// start-up, drops from each wizard-made credential every hidden value that is a copy of the
// current default, so the default (merged in at use) is what counts. Idempotent: a credential
// with nothing to drop is not written, and a second run finds nothing.

/** Cleans every wizard-made credential; returns how many were rewritten and the ids of those that hold a hidden value that differs from its default. */
export async function dropCopiedHiddenDefaults(db: Db): Promise<{ rewritten: number; differing: string[] }> {
  const owned = await listWizardCredentialsWithCiphertext(db);
  let rewritten = 0;
  const differing = new Set<string>();
  for (const row of owned) {
    const policy = (await credentialFieldPolicies(db, row.organizationId, [row.id])).get(row.id);
    if (!policy) continue;
    const defaults = await inheritedDefaults(db, policy);
    // Copies are dropped and the rest sealed again: nothing opened leaves here.
    const secret = await openCredentialValues(db, row);
    const kept: Record<string, string> = {};
    for (const [key, value] of Object.entries(secret.values)) {
      const copy = policy.visibilityOf(key) === "hidden" && Object.hasOwn(defaults, key) && defaults[key] === value;
      if (!copy) kept[key] = value;
      if (!copy && policy.visibilityOf(key) === "hidden" && Object.hasOwn(defaults, key)) differing.add(row.id);
    }
    if (Object.keys(kept).length === Object.keys(secret.values).length) continue;
    const next: StoredSecret = { values: kept, headers: secret.headers };
    // fieldsSet stays: a dropped field is still set, by its default.
    await db
      .update(credentials)
      .set({
        valuesCiphertext: await encryptForTenant(
          db,
          { organizationId: row.organizationId, customerId: row.customerId },
          row.id,
          JSON.stringify(next),
        ),
        updatedAt: new Date(),
      })
      .where(and(eq(credentials.organizationId, row.organizationId), eq(credentials.id, row.id)));
    rewritten++;
  }
  return { rewritten, differing: [...differing] };
}
