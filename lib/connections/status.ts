// A connection's colour (DESIGN.md, Connection status): red when incomplete or when its last use
// failed; green when its last use succeeded; yellow when configured but never used. The rule is
// written once, as data: connectionStatus reads it here, and the dashboard's SQL is generated from
// it (./status-sql.ts), so that the screens and the counts cannot disagree.

export type ConnectionStatus = "green" | "yellow" | "red";

export type StatusInput = {
  complete: boolean;
  incompleteReason: string | null;
  lastUsedAt: Date | null;
  lastFailedAt: Date | null;
  lastError: string | null;
};

/** A test on a connection's facts: whether it is complete, whether a moment is set, which came last. */
export type StatusCondition =
  | { complete: true }
  | { set: "lastUsedAt" | "lastFailedAt" }
  | { atOrAfter: ["lastFailedAt", "lastUsedAt"] }
  | { not: StatusCondition }
  | { any: StatusCondition[] }
  | { all: StatusCondition[] };

/** The rule: the first clause whose condition holds gives the status; the last one always holds. */
export const statusRule: {
  status: ConnectionStatus;
  when: StatusCondition;
  why: "incomplete" | "failed" | "used" | "unused";
}[] = [
  { status: "red", when: { not: { complete: true } }, why: "incomplete" },
  {
    status: "red",
    when: {
      all: [
        { set: "lastFailedAt" },
        { any: [{ not: { set: "lastUsedAt" } }, { atOrAfter: ["lastFailedAt", "lastUsedAt"] }] },
      ],
    },
    why: "failed",
  },
  { status: "green", when: { set: "lastUsedAt" }, why: "used" },
  { status: "yellow", when: { all: [] }, why: "unused" },
];

function holds(c: StatusCondition, s: StatusInput): boolean {
  if ("complete" in c) return s.complete;
  if ("set" in c) return s[c.set] !== null;
  if ("atOrAfter" in c) {
    const [a, b] = c.atOrAfter;
    const x = s[a];
    const y = s[b];
    return x !== null && y !== null && x.getTime() >= y.getTime();
  }
  if ("not" in c) return !holds(c.not, s);
  if ("any" in c) return c.any.some((d) => holds(d, s));
  return c.all.every((d) => holds(d, s));
}

/** The status and its reason, in words for the screen and the API. */
export function connectionStatus(c: StatusInput): { status: ConnectionStatus; reason: string } {
  const clause = statusRule.find((r) => holds(r.when, c)) ?? statusRule[statusRule.length - 1]!;
  const reason = {
    incomplete: c.incompleteReason ?? "Incomplete",
    failed: c.lastError ?? "The last use failed",
    used: "Used successfully",
    unused: "Configured, not used yet",
  }[clause.why];
  return { status: clause.status, reason };
}

export const statusLegend: { status: ConnectionStatus; meaning: string }[] = [
  { status: "green", meaning: "Used successfully by a test, a runtime fetch or a token refresh" },
  { status: "yellow", meaning: "Configured, not used yet" },
  { status: "red", meaning: "Incomplete, or its last use failed: see the reason" },
];
