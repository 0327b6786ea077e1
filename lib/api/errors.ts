import { z } from "zod";
import { isUnstorableCharacter } from "@/lib/db-errors";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";

// The contract's error shape: {"error": {"code", "message", "fields"}}.
export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: "Error" });
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** An error answered with a chosen status and code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Zod issues as {"path.to.field": "message"}, first message per path. */
export function zodFields(error: z.ZodError, prefix?: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "(root)";
    fields[path] ??= issue.message;
  }
  return fields;
}

/**
 * What anything thrown becomes at an entry point: a status, a code and words that are safe to show.
 * `unexpected` marks an error no one raised on purpose: the caller logs it, and shows none of it.
 * The API answers it as JSON, the OAuth and embedded routes as a page; the mapping is this one.
 */
export type ErrorAnswer = {
  status: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
  unexpected: boolean;
};

const expected = (status: number, code: string, message: string, fields?: Record<string, string>): ErrorAnswer => ({
  status,
  code,
  message,
  ...(fields && Object.keys(fields).length > 0 ? { fields } : {}),
  unexpected: false,
});

/** The one mapping of domain errors to answers, shared by every wrapper of an entry point. */
export function answerFor(error: unknown): ErrorAnswer {
  if (error instanceof ApiError) return expected(error.status, error.code, error.message, error.fields);
  if (error instanceof z.ZodError)
    return expected(400, "invalid_request", "The request is not valid", zodFields(error));
  if (error instanceof ValidationError) return expected(400, "invalid_request", error.message, error.fields);
  if (error instanceof NotFoundError) return expected(404, "not_found", error.message);
  if (error instanceof ForbiddenError) return expected(403, "forbidden", error.message);
  if (error instanceof ConflictError) return expected(409, "conflict", error.message, error.fields);
  if (isUnstorableCharacter(error))
    return expected(400, "invalid_request", "A value holds a character that cannot be stored (such as NUL)");
  return {
    status: 500,
    code: "internal_error",
    message: "Something went wrong on our side; it has been logged",
    unexpected: true,
  };
}

/** Maps anything thrown to a status and a body in the contract's shape. */
export function toApiError(error: unknown): { status: number; body: ApiErrorBody; unexpected: boolean } {
  const { status, code, message, fields, unexpected } = answerFor(error);
  return { status, body: { error: fields ? { code, message, fields } : { code, message } }, unexpected };
}
