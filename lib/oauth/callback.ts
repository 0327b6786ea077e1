import "server-only";
import { completeAuthorizationLink } from "@/lib/authorization-links/service";
import type { Db } from "@/db/client";
import type { OAuthState } from "@/db/schema";
import { recordEvent, type ConnectionEventName } from "@/lib/connections/events";
import { openCodeVerifier } from "@/lib/credentials/secrets";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { log, logUnexpected } from "@/lib/log";
import { expectedIssuer, secretsOf } from "./client";
import { resolveOAuthConnection, type OAuthConnection } from "./connection";
import { customRedirectsOf, type CustomRedirects } from "./custom-redirects";
import { describeProviderFailure } from "./errors";
import { redirectWithParams } from "./redirects";
import { parseScopes } from "./scopes";
import { consumeOAuthState, hashState } from "./states";
import { storeExchange } from "./store";
import { requestTokens } from "./grant";
import { afterConnectMetadata } from "./post-connect";

// The provider's callback: one state, used once; the issuer checked (RFC 9207) when it is sent; the
// provider's error shown and logged; the code exchanged and the tokens stored encrypted. Every
// outcome is something the route can render: this never throws.

/** What the callback page of an embedded CONNECT tells the iframe that opened its popup. */
export type EmbeddedOutcome = { instanceId: string | null; connection: string | null; ok: boolean; message: string };

export type CallbackResult =
  | { kind: "redirect"; ok: boolean; location: string }
  | {
      kind: "page";
      ok: boolean;
      title: string;
      message: string;
      backHref: string | null;
      backLabel: string | null;
      embedded?: EmbeddedOutcome;
    };

type Failure = {
  error: string;
  description: string;
  message: string;
  event: ConnectionEventName;
  /** The failure marks the connection failed (red), with the message as its reason. */
  marksFailed?: boolean;
};

const page = (ok: boolean, title: string, message: string, back?: { href: string; label: string }): CallbackResult => ({
  kind: "page",
  ok,
  title,
  message,
  backHref: back?.href ?? null,
  backLabel: back?.label ?? null,
});
const clip = (text: string | null, max = 300) => (text ?? "").slice(0, max);

/** Whether the callback's `iss` names the connection's authorization server. */
export function issuerMatches(iss: string, connection: OAuthConnection): boolean {
  if (connection.settings.issuer) return iss === connection.settings.issuer;
  // No issuer configured: the issuer must live where the authorization URL does.
  try {
    return new URL(iss).origin === expectedIssuer(connection);
  } catch {
    return false;
  }
}

function backLink(row: OAuthState, connection: OAuthConnection) {
  // Whoever came through an e-mailed link has no account to go back to.
  if (row.linkId) return undefined;
  // An embedded CONNECT: the popup closes itself; a full-page flow goes back to the partner's page.
  if (row.embedded) return row.returnTo ? { href: row.returnTo, label: `Back to ${hostOf(row.returnTo)}` } : undefined;
  return connection.instance
    ? { href: `/instances/${connection.instance.id}`, label: `Back to ${connection.instance.name}` }
    : {
        href: `/credentials/${connection.credential.id}?tab=authorization`,
        label: `Back to ${connection.credential.label}`,
      };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the previous page";
  }
}

/** An embedded flow's page carries its outcome for the opener; any other flow's page is unchanged. */
function withEmbedded(result: CallbackResult, row: OAuthState, connection: OAuthConnection | null): CallbackResult {
  if (!row.embedded || result.kind !== "page") return result;
  const key = connection?.configVariable?.key ?? null;
  // The popup closes at once: its message travels to the iframe, which shows it.
  return {
    ...result,
    embedded: { instanceId: row.instanceId, connection: key, ok: result.ok, message: result.message },
  };
}

/** Handles the provider's redirect to /api/oauth/callback. */
export async function handleCallback(
  db: Db,
  params: URLSearchParams,
  context: { sessionUserId?: string | null } = {},
): Promise<CallbackResult> {
  try {
    return await callback(db, params, context);
  } catch (error) {
    logUnexpected("OAuth callback", error);
    return page(
      false,
      "Authorization failed",
      "The authorization could not be completed because of an error on our side; it has been logged. Press CONNECT to try again.",
    );
  }
}

type LogOwner = Pick<OAuthState, "organizationId" | "customerId" | "credentialId" | "instanceId">;
type Consumed = NonNullable<Awaited<ReturnType<typeof consumeOAuthState>>>;
type Target = { connection: OAuthConnection; redirects: CustomRedirects };

async function callback(
  db: Db,
  params: URLSearchParams,
  context: { sessionUserId?: string | null },
): Promise<CallbackResult> {
  const read = await readState(db, params);
  if ("refused" in read) return read.refused;
  const { state, consumed } = read;
  const { row } = consumed;
  const logOwner: LogOwner = {
    organizationId: row.organizationId,
    customerId: row.customerId,
    credentialId: row.credentialId,
    instanceId: row.instanceId,
  };
  const target = await resolveTarget(db, row, logOwner);
  if ("refused" in target) return target.refused;
  const { connection } = target;
  const fail = (f: Failure) => answerFailure(db, row, logOwner, target, f);

  const refusal =
    stateRefusal(consumed, context) ??
    (await verifyAnswer(db, params, connection, logOwner)) ??
    (await exchangeAndStore(db, connection, row, params, state));
  if (refusal) return fail(refusal);
  return answerSuccess(db, row, logOwner, target);
}

/** Reads the state and consumes it, once; a missing or unknown state is refused. */
async function readState(
  db: Db,
  params: URLSearchParams,
): Promise<{ refused: CallbackResult } | { state: string; consumed: Consumed }> {
  const state = params.get("state");
  if (!state) {
    log.warn("OAuth callback refused: no state parameter");
    return {
      refused: page(
        false,
        "Authorization failed",
        "The provider's answer carries no state, so it cannot be matched to a CONNECT. Press CONNECT again.",
      ),
    };
  }
  const consumed = state.length <= 1024 ? await consumeOAuthState(db, hashState(state)) : undefined;
  if (!consumed) {
    log.warn("OAuth callback refused: unknown state");
    return {
      refused: page(
        false,
        "Authorization failed",
        "This answer does not belong to any authorization Latchkey started (unknown state). Press CONNECT again.",
      ),
    };
  }
  return { state, consumed };
}

/** The connection the state was issued for, with its custom redirects; gone or forbidden is refused. */
async function resolveTarget(
  db: Db,
  row: OAuthState,
  logOwner: LogOwner,
): Promise<{ refused: CallbackResult } | Target> {
  try {
    const target =
      row.instanceId && row.configVariableId
        ? { instanceId: row.instanceId, configVariableId: row.configVariableId, credentialId: row.credentialId }
        : { credentialId: row.credentialId };
    const connection = await resolveOAuthConnection(db, { organizationId: row.organizationId }, target);
    const redirects = await customRedirectsOf(db, connection);
    return { connection, redirects };
  } catch (error) {
    if (!(error instanceof ValidationError || error instanceof NotFoundError || error instanceof ForbiddenError))
      throw error;
    await recordEvent(db, {
      ...logOwner,
      name: "callback refused",
      level: "error",
      message: `Callback refused: ${error.message}`,
    });
    return { refused: withEmbedded(page(false, "Authorization failed", error.message), row, null) };
  }
}

/** A state used before, too old, or started by another user is refused. */
function stateRefusal(consumed: Consumed, context: { sessionUserId?: string | null }): Failure | null {
  const { row } = consumed;
  if (consumed.outcome === "replayed")
    return {
      error: "invalid_state",
      description: "This authorization was already used",
      message: "Callback refused: this state was already used (a replayed or repeated callback). Press CONNECT again.",
      event: "callback refused",
    };
  if (consumed.outcome === "expired")
    return {
      error: "invalid_state",
      description: "The authorization expired",
      message: "Callback refused: the authorization took longer than 10 minutes. Press CONNECT again.",
      event: "callback refused",
    };
  // An embedded CONNECT finishes in a first-party popup that cannot see the iframe's partitioned
  // session, and may see an unrelated main-app session: the single-use state alone is the proof.
  if (!row.embedded && row.userId && context.sessionUserId && context.sessionUserId !== row.userId)
    return {
      error: "invalid_state",
      description: "Started by another user",
      message: "Callback refused: another user started this authorization. Press CONNECT yourself.",
      event: "callback refused",
    };
  return null;
}

/** Records the answer, then refuses one from another issuer, or one carrying the provider's error. */
async function verifyAnswer(
  db: Db,
  params: URLSearchParams,
  connection: OAuthConnection,
  logOwner: LogOwner,
): Promise<Failure | null> {
  const iss = params.get("iss");
  await recordEvent(db, {
    ...logOwner,
    name: "callback received",
    level: "info",
    message: `Callback received from the provider${params.get("error") ? " with an error" : ""}`,
    metadata: { parameters: [...new Set(params.keys())], iss },
  });
  if (iss !== null && !issuerMatches(iss, connection))
    return {
      error: "invalid_issuer",
      description: "The answer came from another authorization server",
      message: `Callback refused: it names the issuer ${clip(iss, 200)}, not ${expectedIssuer(connection)} (RFC 9207). No token was stored.`,
      event: "callback refused",
    };
  const providerError = params.get("error");
  if (providerError) {
    const description = clip(params.get("error_description"));
    return {
      error: clip(providerError, 100),
      description,
      message: `The provider did not authorize: ${clip(providerError, 100)}${description ? `: ${description}` : ""}`,
      event: "authorization failed",
    };
  }
  return null;
}

/** Exchanges the code for tokens and stores them; a failed exchange marks the connection failed. */
async function exchangeAndStore(
  db: Db,
  connection: OAuthConnection,
  row: OAuthState,
  params: URLSearchParams,
  state: string,
): Promise<Failure | null> {
  const iss = params.get("iss");
  const verifier = await openCodeVerifier(db, row);
  const requestedAt = new Date();
  try {
    const answer = await requestTokens(connection, {
      type: "authorization_code",
      callback: params,
      state,
      redirectUri: row.redirectUri,
      verifier,
      issuer: iss ?? undefined,
    });
    answer.kept = await afterConnectMetadata(connection, answer.result.access_token);
    // An e-mailed link works once: the first flow of it to get here takes it (atomically) and
    // voids the others; a flow that comes second, or whose link was revoked, stores nothing.
    if (row.linkId && !(await completeAuthorizationLink(db, row.organizationId, row.linkId)))
      return {
        error: "invalid_state",
        description: "The authorization link was already used or revoked",
        message: "Callback refused: this authorization link was already used or has been revoked. No token was stored.",
        event: "callback refused",
      };
    await storeExchange(db, connection, {
      grantType: "authorization_code",
      answer,
      requestedScopes: parseScopes(row.scopes),
      requestedAt,
      callbackParams: params,
      authorizedBy: { userId: row.userId, linkId: row.linkId },
    });
    return null;
  } catch (error) {
    // A setting changed since CONNECT (a token URL that is no longer allowed, a secret removed).
    const failure =
      error instanceof ValidationError
        ? { error: "invalid_request", description: error.message, message: error.message }
        : describeProviderFailure(error, secretsOf(connection, params.get("code") ?? undefined, verifier));
    if (!failure) throw error;
    return {
      ...failure,
      message: `Token exchange failed: ${failure.message}`,
      event: "token exchange failed",
      marksFailed: true,
    };
  }
}

/** Records the failure, then sends the user to the failure redirect or shows the failure page. */
async function answerFailure(
  db: Db,
  row: OAuthState,
  logOwner: LogOwner,
  { connection, redirects }: Target,
  f: Failure,
): Promise<CallbackResult> {
  await recordEvent(db, {
    ...logOwner,
    name: f.event,
    level: "error",
    message: f.message,
    metadata: { error: f.error, error_description: f.description },
    ...(f.marksFailed ? { outcome: { ok: false, reason: f.message } } : {}),
  });
  // An embedded CONNECT reports to its iframe (or goes back to the partner's page) instead.
  if (!row.embedded && redirects.failure && redirects.params)
    return {
      kind: "redirect",
      ok: false,
      location: redirectWithParams(redirects.failure, {
        ...redirects.params,
        error: f.error,
        error_description: f.description,
      }),
    };
  return withEmbedded(page(false, "Authorization failed", f.message, backLink(row, connection)), row, connection);
}

/** Sends the user to the success redirect or shows the success page. */
async function answerSuccess(
  db: Db,
  row: OAuthState,
  logOwner: LogOwner,
  { connection, redirects }: Target,
): Promise<CallbackResult> {
  if (row.linkId) {
    await recordEvent(db, {
      ...logOwner,
      name: "customer authorization complete",
      level: "info",
      message: "Customer authorization complete through the e-mailed link",
    });
  }
  if (!row.embedded && redirects.success && redirects.params)
    return { kind: "redirect", ok: true, location: redirectWithParams(redirects.success, redirects.params) };
  return withEmbedded(
    page(
      true,
      "Authorization completed successfully",
      `${connection.label} is connected: Latchkey holds its tokens and keeps them fresh.`,
      backLink(row, connection),
    ),
    row,
    connection,
  );
}
