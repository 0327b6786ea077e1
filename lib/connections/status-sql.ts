import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { statusRule, type StatusCondition } from "./status";

// The status rule of ./status.ts as a SQL `case`, for queries that count or filter connections by
// status in the database. Comparisons of unset moments are false, as in connectionStatus.

export type StatusColumns = { complete: SQL; lastUsedAt: SQL; lastFailedAt: SQL };

function condition(c: StatusCondition, cols: StatusColumns): SQL {
  if ("complete" in c) return sql`coalesce(${cols.complete}, false)`;
  if ("set" in c) return sql`(${cols[c.set]} is not null)`;
  if ("atOrAfter" in c) return sql`coalesce(${cols[c.atOrAfter[0]]} >= ${cols[c.atOrAfter[1]]}, false)`;
  if ("not" in c) return sql`(not ${condition(c.not, cols)})`;
  if ("any" in c) return joined(c.any, cols, "or", sql`false`);
  return joined(c.all, cols, "and", sql`true`);
}

function joined(cs: StatusCondition[], cols: StatusColumns, op: "and" | "or", empty: SQL): SQL {
  return cs.length === 0
    ? empty
    : sql`(${sql.join(
        cs.map((d) => condition(d, cols)),
        sql.raw(` ${op} `),
      )})`;
}

/** `case when … then 'red' … end`: a connection's status over the given columns. */
export function statusCaseOver(cols: StatusColumns): SQL {
  const whens = statusRule.map((r) => sql`when ${condition(r.when, cols)} then ${sql.raw(`'${r.status}'`)}`);
  return sql`(case ${sql.join(whens, sql` `)} end)`;
}

/** The reason of statusCaseOver's status, in the words connectionStatus uses. */
export function statusReasonCaseOver(cols: StatusColumns & { incompleteReason: SQL; lastError: SQL }): SQL {
  const because = {
    incomplete: sql`coalesce(${cols.incompleteReason}, 'Incomplete')`,
    failed: sql`coalesce(${cols.lastError}, 'The last use failed')`,
    used: sql`'Used successfully'`,
    unused: sql`'Configured, not used yet'`,
  };
  const whens = statusRule.map((r) => sql`when ${condition(r.when, cols)} then ${because[r.why]}`);
  return sql`(case ${sql.join(whens, sql` `)} end)`;
}
