import { z } from "zod";
import { isUnstorableCharacter } from "@/lib/db-errors";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";

// The contract's error shape: {"error": {"code", "message", "fields"}}.
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
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

/** Maps anything thrown to a status and a body that is safe to show. */
export function toApiError(error: unknown): { status: number; body: ApiErrorBody; unexpected: boolean } {
  const body = (code: string, message: string, fields?: Record<string, string>): ApiErrorBody => ({
    error: fields && Object.keys(fields).length > 0 ? { code, message, fields } : { code, message },
  });
  if (error instanceof ApiError)
    return { status: error.status, body: body(error.code, error.message, error.fields), unexpected: false };
  if (error instanceof z.ZodError)
    return {
      status: 400,
      body: body("invalid_request", "The request is not valid", zodFields(error)),
      unexpected: false,
    };
  if (error instanceof ValidationError)
    return { status: 400, body: body("invalid_request", error.message, error.fields), unexpected: false };
  if (error instanceof NotFoundError) return { status: 404, body: body("not_found", error.message), unexpected: false };
  if (error instanceof ForbiddenError)
    return { status: 403, body: body("forbidden", error.message), unexpected: false };
  if (error instanceof ConflictError)
    return { status: 409, body: body("conflict", error.message, error.fields), unexpected: false };
  if (isUnstorableCharacter(error))
    return {
      status: 400,
      body: body("invalid_request", "A value holds a character that cannot be stored (such as NUL)"),
      unexpected: false,
    };
  return {
    status: 500,
    body: body("internal_error", "Something went wrong on our side; it has been logged"),
    unexpected: true,
  };
}
