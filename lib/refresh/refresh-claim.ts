import "server-only";
import type { Db } from "@/db/client";
import { encryptTokenSet, type TokenSet } from "@/lib/credentials/tokens";
import { secretsOf } from "@/lib/oauth/client";
import { credentialConnection, type OAuthConnection } from "@/lib/oauth/connection";
import { findCredentialsWithCiphertext, type CredentialSummary } from "@/lib/credentials/queries";
import { openCredentialTokens, openCredentialValues, type StoredSecret } from "@/lib/credentials/secrets";
import { kindOfGrant } from "@/lib/connection-types/kinds";
import { grantedTokens, grantWords, requestTokens } from "@/lib/oauth/grant";
import { requestedScopes } from "@/lib/oauth/authorize";
import { logUnexpected } from "@/lib/log";
import { metrics, secondsSince } from "@/lib/ops/metrics";
import type { Claim } from "./claim";
import { classifyRefreshFailure, type RefreshFailure } from "./classify";
import { commitFailure, releaseClaim } from "./commit";
import { directCommitter, type Committer } from "./group-commit";
import { retryDelayMs } from "./backoff";
import type { RefreshSettings } from "./settings";

// One claimed credential, renewed: a refresh token grant (or a new client credentials token) sent
// through oauth4webapi with the connection's quirks, then committed under the claim's lease.

export type RefreshOutcome = "refreshed" | "failed" | "lost";

export type LoadedCredential = CredentialSummary & { valuesCiphertext: string | null };

/** What a token request needs beside the grant: the connection and the tokens held, opened. */
export type PreparedRefresh = { connection: OAuthConnection; current: TokenSet };

type ClaimInputs = {
  loaded?: LoadedCredential;
  /** The connection and tokens, opened ahead by the caller (prepareRefresh). */
  prepared?: Promise<PreparedRefresh>;
  /** Its values, opened and under the defaults they inherit (claim-loaded.ts). */
  values?: StoredSecret;
  onAnswered?: () => void;
  commit?: Committer;
};

/**
 * Refreshes one claimed credential and commits the outcome; never throws for a provider's failure.
 * `loaded` is the credential with its encrypted values when the caller loaded a batch at once, and
 * `values` what they hold (loadedValues), and `prepared` what prepareRefresh opened of them ahead;
 * `onAnswered` is told when the provider has answered (or failed), before the outcome is committed;
 * `commit` writes a success (a run groups them).
 */
export async function refreshClaim(
  db: Db,
  claim: Claim,
  settings: RefreshSettings,
  o: ClaimInputs = {},
): Promise<RefreshOutcome> {
  const started = performance.now();
  const outcome = await refreshClaimed(db, claim, settings, o).catch((error: unknown) => {
    // The database went away mid-commit: the caller gives the claim up as lost.
    metrics.refreshes.inc({ outcome: "lost" });
    metrics.leasesLost.inc();
    throw error;
  });
  metrics.refreshes.inc({ outcome });
  metrics.refreshDuration.observe({ outcome }, secondsSince(started));
  if (outcome === "lost") metrics.leasesLost.inc();
  return outcome;
}

async function refreshClaimed(
  db: Db,
  claim: Claim,
  settings: RefreshSettings,
  o: ClaimInputs,
): Promise<RefreshOutcome> {
  const { loaded, onAnswered = () => {}, commit = directCommitter(db) } = o;
  const owner = { organizationId: claim.organizationId, customerId: claim.customerId };
  let connection: OAuthConnection | undefined;
  let current: TokenSet | undefined;
  const meta: { status?: number; retryAfter?: string | null } = {};
  const requestedAt = new Date();
  try {
    const credential =
      loaded ??
      (await findCredentialsWithCiphertext(db, [claim.organizationId], [claim.credentialId])).get(claim.credentialId);
    if (!credential) {
      // Deleted since the claim: its tokens went with it.
      await releaseClaim(db, claim);
      return "lost";
    }
    const prepared = await (o.prepared ?? prepareRefresh(db, claim, credential, o.values));
    const resolved = prepared.connection;
    connection = resolved;
    current = prepared.current;
    // Client credentials ask again; an authorization code grant needs the refresh token it holds.
    const grant = kindOfGrant(claim.grantType).refresh?.(resolved, current, () => requestedScopes(resolved));
    if (!grant) {
      return failed(db, claim, settings, {
        kind: "refused",
        error: "no_refresh_token",
        message: "No refresh token is held: press CONNECT again",
        retryAfterMs: null,
      });
    }
    const answer = await requestTokens(connection, grant, { timeoutMs: settings.requestTimeoutMs, meta }).finally(
      onAnswered,
    );
    const { tokens, expiresAt, grantedScopes, nextRefreshAt, rotated } = grantedTokens(connection, answer, {
      grantType: claim.grantType,
      requestedAt,
      scopesIfSilent: claim.grantedScopes,
      current,
      settings,
    });
    const recovered = claim.consecutiveFailures > 0;
    const written = await commit({
      claim,
      next: {
        tokensCiphertext: await encryptTokenSet(db, owner, claim.credentialId, tokens),
        hasRefreshToken: !!tokens.refreshToken,
        expiresAt,
        grantedScopes,
        nextRefreshAt,
      },
      log: {
        message: `${grantWords[claim.grantType].renewed}${rotated ? ", refresh token rotated" : ""}, ${expiresAt ? `expiring ${expiresAt.toISOString()}` : "with no stated expiry"}${recovered ? `; recovered after ${claim.consecutiveFailures} failed attempt${claim.consecutiveFailures === 1 ? "" : "s"}` : ""}`,
        metadata: {
          expiresAt: expiresAt?.toISOString() ?? null,
          rotated,
          recovered,
          grantedScopes,
          ms: Date.now() - requestedAt.getTime(),
        },
      },
    });
    return written ? "refreshed" : "lost";
  } catch (error) {
    const failure = classifyRefreshFailure(
      error,
      meta,
      connection ? secretsOf(connection, current?.refreshToken, current?.accessToken) : {},
    );
    if (!failure) {
      logUnexpected("refresh", error);
      await releaseClaim(db, claim).catch(() => {});
      return "lost";
    }
    return failed(db, claim, settings, failure);
  }
}

/**
 * Opens what a claimed credential's token request needs: its connection (with `values` when the
 * caller opened them under their inherited defaults) and the tokens it holds. A run calls this for
 * the claims it has taken ahead, while its slots wait on the provider, so that a freed slot sends
 * its next request at once.
 */
export async function prepareRefresh(
  db: Db,
  claim: Claim,
  credential: LoadedCredential,
  values?: StoredSecret,
): Promise<PreparedRefresh> {
  const [connection, current] = await Promise.all([
    values
      ? credentialConnection(db, credential, values, { inherited: true })
      : openCredentialValues(db, credential).then((stored) => credentialConnection(db, credential, stored)),
    openCredentialTokens(db, claim),
  ]);
  return { connection, current };
}

async function failed(
  db: Db,
  claim: Claim,
  settings: RefreshSettings,
  failure: RefreshFailure,
): Promise<RefreshOutcome> {
  const failures = claim.consecutiveFailures + 1;
  if (failure.kind === "reauthorize") {
    const reason = `Re-authorization needed: ${failure.message}. Press CONNECT to authorize again.`;
    const { written } = await commitFailure(db, claim, {
      retryAt: null,
      reauthorize: true,
      red: true,
      reason,
      level: "error",
      event: "re-authorization needed",
      message: `${failure.message}. Refreshing stops until someone presses CONNECT.`,
      metadata: { error: failure.error, status: failure.status ?? null },
    });
    // The stored tokens changed under the lease (CONNECT again): nothing of this answer applies.
    if (!written) await releaseClaim(db, claim);
    return written ? "failed" : "lost";
  }
  const retryAt = new Date(Date.now() + retryDelayMs(failures, failure.retryAfterMs));
  const red = failure.kind === "refused" || failures >= settings.maxFailures;
  const reason =
    failure.kind === "refused"
      ? `Refresh failed: ${failure.message}`
      : `Refresh failed ${failures} times in a row: ${failure.message}`;
  const { written } = await commitFailure(db, claim, {
    retryAt,
    reauthorize: false,
    red,
    reason,
    level: red ? "error" : "warn",
    event: "refresh failed",
    message: `${failure.message}. ${red ? "The connection is marked failed; " : "The current token stays in use; "}next attempt at ${retryAt.toISOString()}`,
    metadata: {
      error: failure.error,
      status: failure.status ?? null,
      transient: failure.kind === "transient",
      retryAt: retryAt.toISOString(),
    },
  });
  return written ? "failed" : "lost";
}
