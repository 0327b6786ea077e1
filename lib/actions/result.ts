// What every server action answers; forms show `error` as a toast and `fieldErrors` at their fields.
export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };
