import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { perDb } from "@/db/prepared";
import { configVariables, credentials, instanceConnections } from "@/db/schema";
import { credentialSummaryColumns } from "@/lib/credentials/queries";
import { withPolicyDefaults } from "@/lib/credentials/field-policy";
import { openCredentialValues, type StoredSecret } from "@/lib/credentials/secrets";
import { configVariableColumns } from "@/lib/integrations/queries";
import { leaseSql, type Claim, type ClaimOptions } from "./claim";
import type { LoadedCredential } from "./refresh-claim";

// The refresh run's claim: one statement leases due credentials and reads, for each, the
// credential with its sealed values and the config variable whose defaults it inherits. With the
// commit, that is two round trips per batch of refreshes beside the provider's calls.

export type LoadedClaim = { claim: Claim; loaded: LoadedCredential | undefined; values: StoredSecret | undefined };

const column = <T>(name: string) => sql<T>`${sql.identifier(name)}`.as(name);
// A column of the CTE, qualified: the joined tables have columns of the same names.
const claimedColumn = <T>(name: string) => sql<T>`${sql.identifier("claimed")}.${sql.identifier(name)}`;

// Built once per database handle and prepared: a run claims every few refreshes, and building this
// statement's text cost more than running it.
const claimWithCiphertextStatement = perDb((db: Db) => {
  const claimed = db
    .$with("claimed", {
      credentialId: column<string>("credential_id"),
      organizationId: column<string>("organization_id"),
      customerId: column<string | null>("customer_id"),
      grantType: column<Claim["grantType"]>("grant_type"),
      tokensCiphertext: column<string>("tokens_ciphertext"),
      grantedScopes: column<string[]>("granted_scopes"),
      consecutiveFailures: column<number>("consecutive_failures"),
    })
    .as(
      sql`${leaseSql({
        limit: sql.placeholder("limit"),
        leaseMs: sql.placeholder("leaseMs"),
        holder: sql.placeholder("holder"),
        // A run passes its start; without one, the database's clock.
        dueBy: sql`coalesce(${sql.placeholder("dueBy")}::timestamptz, now())`,
      })} returning credential_id, organization_id, customer_id, grant_type, tokens_ciphertext, granted_scopes, consecutive_failures`,
    );
  return db
    .with(claimed)
    .select({
      claim: {
        credentialId: claimedColumn<string>("credential_id"),
        organizationId: claimedColumn<string>("organization_id"),
        customerId: claimedColumn<string | null>("customer_id"),
        grantType: claimedColumn<Claim["grantType"]>("grant_type"),
        tokensCiphertext: claimedColumn<string>("tokens_ciphertext"),
        grantedScopes: claimedColumn<string[]>("granted_scopes"),
        consecutiveFailures: claimedColumn<number>("consecutive_failures"),
      },
      credential: { ...credentialSummaryColumns, valuesCiphertext: credentials.valuesCiphertext },
      variable: configVariableColumns,
      sealedDefaults: configVariables.secretDefaultsCiphertext,
    })
    .from(claimed)
    .leftJoin(
      credentials,
      and(
        eq(credentials.organizationId, claimedColumn("organization_id")),
        eq(credentials.id, claimedColumn("credential_id")),
      ),
    )
    .leftJoin(
      instanceConnections,
      and(
        eq(instanceConnections.organizationId, credentials.organizationId),
        eq(instanceConnections.credentialId, credentials.id),
        eq(instanceConnections.ownsCredential, true),
      ),
    )
    .leftJoin(
      configVariables,
      and(
        eq(configVariables.organizationId, instanceConnections.organizationId),
        eq(configVariables.id, instanceConnections.configVariableId),
      ),
    )
    .prepare("refresh_claim_loaded");
});

/** Claims up to `limit` due credentials, loaded with their values (opened, under their inherited defaults). */
export async function claimDueWithCiphertext(db: Db, o: ClaimOptions): Promise<LoadedClaim[]> {
  const holder = randomUUID();
  const rows = await claimWithCiphertextStatement(db).execute({
    limit: o.limit,
    leaseMs: o.leaseMs,
    holder,
    dueBy: o.dueBy?.toISOString() ?? null,
  });
  const out = new Map<string, LoadedClaim>();
  for (const row of rows) {
    const claim: Claim = { ...row.claim, consecutiveFailures: Number(row.claim.consecutiveFailures), holder };
    if (out.has(claim.credentialId)) continue;
    const loaded = row.credential?.id ? row.credential : undefined;
    // One that cannot be opened is left to its own refresh, which opens it again and fails on its own.
    const values = loaded
      ? await openCredentialValues(db, loaded)
          .then((stored) =>
            withPolicyDefaults(db, stored, row.variable && { variable: row.variable, sealed: row.sealedDefaults }),
          )
          .catch(() => undefined)
      : undefined;
    out.set(claim.credentialId, { claim, loaded, values });
  }
  return [...out.values()];
}
