import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./client";

// drizzle sends `db.execute` unprepared, so PostgreSQL parses and plans each statement every time it
// runs. The hot path's big statements (the hand-over log and the audit count of every runtime call,
// the refresh run's claim and commit) have a fixed text, their rows passed as JSON parameters, so
// each connection can keep one plan for them: postgres.js prepares a statement once per connection
// and text. Only for such statements: a text that changes with its input would fill that cache.

const dialect = new PgDialect();

type Built = ReturnType<PgDialect["sqlToQuery"]>;

/** The built statement, run prepared: once per connection and text. */
function run(db: Db, built: Built, values: Record<string, unknown>): ReturnType<Db["execute"]> {
  // Any name marks it prepared; postgres.js names the statement itself, after its text.
  return db._.session.prepareQuery(built, undefined, "latchkey", false).execute(values) as ReturnType<Db["execute"]>;
}

/**
 * A statement whose text is built once, on first use, with `sql.placeholder(name)` where its values
 * go; each call fills them and runs it prepared. Building a big statement's
 * text costs more than running it on a warm connection.
 */
export function fixedStatement<V extends Record<string, unknown>>(build: () => SQL): FixedStatement<V> {
  let built: Built | undefined;
  const query = () => (built ??= dialect.sqlToQuery(build()));
  return Object.assign((db: Db, values: V) => run(db, query(), values), { query });
}

/** A fixed statement to run, and its built text and parameters (for a test to plan it). */
export type FixedStatement<V> = ((db: Db, values: V) => ReturnType<Db["execute"]>) & { query: () => Built };

/** A value built once per database handle (a query builder's prepared statement). */
export function perDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) built.set(db, (value = build(db)));
    return value;
  };
}
