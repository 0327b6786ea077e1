import "server-only";
import type { Db } from "@/db/client";
import { apiKeyTokenHash, authenticateApiKey, principalOf, type ApiPrincipal } from "@/lib/api-keys/service";
import { apiKeyAddressGate, recordApiKeyFailure } from "@/lib/api-keys/throttle";
import { requestAddress } from "@/lib/net/request-address";
import { findCallerWithConnectionCiphertext, type RuntimeLoad } from "@/lib/runtime/lookup";
import { takeRuntimeRequest } from "@/lib/runtime/rate-limit";
import { ApiError } from "./errors";

/** A 429 in the contract's shape; apiRoute sends `Retry-After` with it. */
export class RateLimitedError extends ApiError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, "rate_limited", message);
  }
}

/** Headers that go with an error answer: the bearer challenge on 401, Retry-After on 429. */
export function errorHeaders(error: unknown, status: number): Record<string, string> | undefined {
  if (error instanceof RateLimitedError) return { "Retry-After": String(error.retryAfterSeconds) };
  return status === 401 ? { "WWW-Authenticate": "Bearer" } : undefined;
}

/**
 * Authenticates a bearer API key under the rate limits: an address with too many failed keys is
 * refused before the lookup, each failure is counted per address and key prefix, and runtime
 * requests (`runtime`) are limited per key.
 */
export async function authenticateWithLimits(
  db: Db,
  request: Request,
  token: string,
  runtime: boolean,
): Promise<ApiPrincipal> {
  const found = await underLimits(db, request, token, runtime, async () => {
    const principal = await authenticateApiKey(db, token);
    return principal && { principal, extra: undefined };
  });
  return found.principal;
}

/**
 * A runtime call's key check, under the same limits, fused with its connection's read: one round
 * trip for both (lib/runtime/lookup.ts). `load` is the runtime read the call's domain function is
 * given: it hands over that row only for the same organization, instance and key.
 */
export async function authenticateRuntimeCall(
  db: Db,
  request: Request,
  token: string,
  connection: { instanceId: string; key: string },
): Promise<{ principal: ApiPrincipal; load: RuntimeLoad }> {
  const { principal, extra } = await underLimits(db, request, token, true, async () => {
    const tokenHash = apiKeyTokenHash(token);
    const found =
      tokenHash && (await findCallerWithConnectionCiphertext(db, tokenHash, connection.instanceId, connection.key));
    return found ? { principal: await principalOf(db, found.caller), extra: found.load } : null;
  });
  return { principal, load: extra };
}

async function underLimits<T>(
  db: Db,
  request: Request,
  token: string,
  runtime: boolean,
  lookup: () => Promise<{ principal: ApiPrincipal; extra: T } | null>,
): Promise<{ principal: ApiPrincipal; extra: T }> {
  const address = requestAddress(request.headers);
  const gate = await apiKeyAddressGate(db, address);
  if (!gate.allowed)
    throw new RateLimitedError(
      "Too many failed API key attempts from your address; try again later",
      gate.retryAfterSeconds,
    );
  const found = await lookup();
  if (!found) {
    const verdict = await recordApiKeyFailure(db, token, address);
    if (!verdict.allowed)
      throw new RateLimitedError("Too many failed API key attempts; try again later", verdict.retryAfterSeconds);
    throw new ApiError(401, "unauthorized", "The API key is not valid or has been revoked");
  }
  if (runtime) {
    const verdict = takeRuntimeRequest(found.principal.apiKeyId);
    if (!verdict.allowed)
      throw new RateLimitedError(
        "This API key is sending runtime requests too fast; slow down",
        verdict.retryAfterSeconds,
      );
  }
  return found;
}
