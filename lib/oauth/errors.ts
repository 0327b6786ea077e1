import {
  AuthorizationResponseError,
  OperationProcessingError,
  ResponseBodyError,
  UnsupportedOperationError,
  WWWAuthenticateChallengeError,
} from "oauth4webapi";
import { redactValues } from "@/lib/connections/usage";
import { OutboundRequestError } from "@/lib/outbound/fetch";

// What went wrong in an exchange with a provider, in words for the connection log and the person
// who pressed CONNECT. oauth4webapi's errors carry the provider's body (tokens included) in
// `cause`: only their message, code, status and the OAuth error fields are ever read here.

export type ProviderFailure = {
  /** The OAuth error code (the provider's, or one of ours such as request_failed). */
  error: string;
  /** The provider's error_description, or ours. */
  description: string;
  /** One sentence for a person. */
  message: string;
  status?: number;
};

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** Describes a failed provider exchange, or undefined for an error that is not about the provider. */
export function describeProviderFailure(
  error: unknown,
  secrets: Record<string, string> = {},
): ProviderFailure | undefined {
  const clean = (text: string) => clip(redactValues(text, secrets));
  if (error instanceof ResponseBodyError || error instanceof AuthorizationResponseError) {
    const description = clean(error.error_description ?? "");
    const status = error instanceof ResponseBodyError ? error.status : undefined;
    const where = status ? `answered ${status}` : "answered";
    return {
      error: clean(error.error),
      description,
      status,
      message: `The provider ${where} ${clean(error.error)}${description ? `: ${description}` : ""}`,
    };
  }
  if (error instanceof WWWAuthenticateChallengeError) {
    return {
      error: "invalid_client",
      description: "The provider asked for other credentials",
      status: error.status,
      message: `The provider refused the client credentials (HTTP ${error.status})`,
    };
  }
  if (error instanceof OutboundRequestError) {
    return {
      error: "request_failed",
      description: clean(error.message),
      message: `The provider could not be reached: ${clean(error.message)}`,
    };
  }
  if (error instanceof OperationProcessingError || error instanceof UnsupportedOperationError) {
    return {
      error: "invalid_response",
      description: clean(error.message),
      message: `The provider's answer is not a valid OAuth 2.0 answer: ${clean(error.message)}`,
    };
  }
  // oauth4webapi refuses http:// endpoints with a TypeError coded ERR_INVALID_ARG_VALUE / OAUTH_*.
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (typeof code === "string" && (code.startsWith("OAUTH_") || code.startsWith("ERR_INVALID_ARG"))) {
    return {
      error: "invalid_request",
      description: clean((error as Error).message),
      message: `The request could not be made: ${clean((error as Error).message)}`,
    };
  }
  return undefined;
}
