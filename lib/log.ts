import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { env } from "@/lib/env";
import { currentRequestId } from "@/lib/request-context";
import { redactSecrets } from "@/lib/log-redaction";

// The one logger of the server: JSON lines in production (one object a line, for a log shipper),
// readable lines in development, level from LATCHKEY_LOG_LEVEL. Every line carries the id of the
// request it was written for. Fields are passed through redactSecrets first, so a secret handed to
// the logger by mistake is written as "[redacted]"; callers still pass ids and reasons, never values.

function destination() {
  // pino-pretty as a stream of this thread: a transport's worker thread does not survive bundling.
  return env.logFormat === "pretty" ? pretty({ colorize: true, sync: true, ignore: "pid,hostname" }) : undefined;
}

/** A logger writing to `stream` (the process's stdout by default); tests pass their own. */
export function createLogger(stream?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level: env.LATCHKEY_LOG_LEVEL,
      base: { service: "latchkey" },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      formatters: { level: (label) => ({ level: label }), log: (object) => redactSecrets(object) },
      serializers: { err: errorFields, error: errorFields },
    },
    stream ?? destination() ?? pino.destination({ sync: true }),
  );
}

const holder = globalThis as unknown as { latchkeyLogger?: Logger };
/** The server's logger. `log.child({ component })` for a part of the server. */
export const log: Logger = (holder.latchkeyLogger ??= createLogger());

/**
 * An error as name, message, code and stack only: database drivers attach the query's parameters
 * to their errors, and those may hold secrets.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: "a non-error value was thrown" };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, ...(code ? { code: String(code) } : {}), stack: error.stack };
}

/** Logs an unexpected error without its attached data. */
export function logUnexpected(context: string, error: unknown): void {
  log.error({ err: error, context }, `${context}: ${error instanceof Error ? error.message : "unexpected error"}`);
}

/**
 * Logs a security-relevant event (a refused embedded sign-in, a request outside the caller's
 * scope) with its fields; callers pass identifiers and reasons only, never a token or a secret.
 */
export function logSecurityEvent(
  event: string,
  fields: Record<string, string | number | boolean | null | undefined> = {},
): void {
  log.warn({ security: true, ...fields }, event);
}
