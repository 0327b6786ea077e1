import { ResponseBodyError } from "oauth4webapi";
import { ValidationError } from "@/lib/errors";
import { describeProviderFailure } from "@/lib/oauth/errors";
import { OutboundRequestError } from "@/lib/outbound/fetch";
import { parseRetryAfter } from "./backoff";

// What a failed refresh means for the connection:
//   - reauthorize: the grant is dead (invalid_grant): stop until someone presses CONNECT;
//   - transient: the provider is down, slow, rate limiting or garbled (5xx, 429, timeouts, network,
//     a malformed body): back off and keep the current token in use, red only after N in a row;
//   - refused: the provider or the configuration says no (invalid_client, a bad token URL): red now,
//     and try again later in case someone fixes the client secret.

export type RefreshFailure = {
  kind: "reauthorize" | "transient" | "refused";
  error: string;
  message: string;
  status?: number;
  retryAfterMs: number | null;
};

/** Classifies a refresh error; undefined for an error that is not about the provider (a bug, the database). */
export function classifyRefreshFailure(
  error: unknown,
  answer: { status?: number; retryAfter?: string | null },
  secrets: Record<string, string> = {},
): RefreshFailure | undefined {
  const retryAfterMs = parseRetryAfter(answer.retryAfter ?? null);
  if (error instanceof ValidationError)
    return { kind: "refused", error: "configuration", message: error.message, retryAfterMs: null };
  const described = describeProviderFailure(error, secrets);
  if (!described) return undefined;
  const status = answer.status ?? described.status;
  if (error instanceof ResponseBodyError && error.error === "invalid_grant") {
    return {
      kind: "reauthorize",
      error: described.error,
      message: `The provider refused the refresh token (${described.message.replace(/^The provider /, "")})`,
      status,
      retryAfterMs,
    };
  }
  const transient =
    (error instanceof OutboundRequestError &&
      (error.reason === "timeout" || error.reason === "network" || error.reason === "too_large")) ||
    (status !== undefined && (status >= 500 || status === 429 || status === 408)) ||
    described.error === "invalid_response";
  const message =
    status && status >= 500 && !(error instanceof ResponseBodyError)
      ? `The provider answered HTTP ${status}`
      : described.message;
  return { kind: transient ? "transient" : "refused", error: described.error, message, status, retryAfterMs };
}
