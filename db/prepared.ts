import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./client";

// drizzle sends `db.execute` unprepared, so PostgreSQL parses and plans each statement every time it
// runs. The hot path's big statements (the hand-over log and the audit count of every runtime call,
// the refresh commit of every batch) have a fixed text, their rows passed as one JSON parameter, so
// each connection can keep one plan for them: postgres.js prepares a statement once per connection
// and text. Only for such statements: a text that changes with its input would fill that cache.

const dialect = new PgDialect();

/** `db.execute(query)`, as a statement prepared once per connection; the same rows as db.execute. */
export function executePrepared(db: Db, query: SQL): ReturnType<Db["execute"]> {
  const built = dialect.sqlToQuery(query);
  // Any name marks it prepared; postgres.js names the statement itself, after its text.
  return db._.session.prepareQuery(built, undefined, "latchkey", false).execute() as ReturnType<Db["execute"]>;
}
