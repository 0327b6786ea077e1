// Errors the domain raises on purpose; entry-point wrappers turn them into 4xx answers.

/** The thing does not exist, or belongs to another tenant: the two are deliberately indistinguishable. */
export class NotFoundError extends Error {
  constructor(what = "Not found") {
    super(what);
    this.name = "NotFoundError";
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends Error {
  constructor(message = "You do not have permission to do this") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** A request that is well-formed but breaks a rule; `fields` says which input is wrong. */
export class ValidationError extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

/** A request that conflicts with what is stored (a duplicate, a stale version). */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ConflictError";
  }
}
