// Looking up a key that came from a user (a connection type, field, config variable, header or
// action key, a key of submitted values). A plain object answers `constructor`, `toString` or
// `hasOwnProperty` from Object.prototype; only the object's own properties count.

/** The value stored under `key` when the object has it as its own property; undefined otherwise. */
export function own<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}
