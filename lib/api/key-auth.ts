import "server-only";
import type { Db } from "@/db/client";
import { authenticateApiKey, type ApiPrincipal } from "@/lib/api-keys/service";
import { apiKeyAddressGate, recordApiKeyFailure } from "@/lib/api-keys/throttle";
import { requestAddress } from "@/lib/net/request-address";
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
  const address = requestAddress(request.headers);
  const gate = await apiKeyAddressGate(db, address);
  if (!gate.allowed)
    throw new RateLimitedError(
      "Too many failed API key attempts from your address; try again later",
      gate.retryAfterSeconds,
    );
  const principal = await authenticateApiKey(db, token);
  if (!principal) {
    const verdict = await recordApiKeyFailure(db, token, address);
    if (!verdict.allowed)
      throw new RateLimitedError("Too many failed API key attempts; try again later", verdict.retryAfterSeconds);
    throw new ApiError(401, "unauthorized", "The API key is not valid or has been revoked");
  }
  if (runtime) {
    const verdict = takeRuntimeRequest(principal.apiKeyId);
    if (!verdict.allowed)
      throw new RateLimitedError(
        "This API key is sending runtime requests too fast; slow down",
        verdict.retryAfterSeconds,
      );
  }
  return principal;
}
