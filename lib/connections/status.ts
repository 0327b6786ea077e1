// A connection's colour (DESIGN.md, Connection status): red when incomplete or when its last use
// failed; green when its last use succeeded; yellow when configured but never used.

export type ConnectionStatus = "green" | "yellow" | "red";

export type StatusInput = {
  complete: boolean;
  incompleteReason: string | null;
  lastUsedAt: Date | null;
  lastFailedAt: Date | null;
  lastError: string | null;
};

/** The status and its reason, in words for the screen and the API. */
export function connectionStatus(c: StatusInput): { status: ConnectionStatus; reason: string } {
  if (!c.complete) return { status: "red", reason: c.incompleteReason ?? "Incomplete" };
  if (c.lastFailedAt && (!c.lastUsedAt || c.lastFailedAt >= c.lastUsedAt))
    return { status: "red", reason: c.lastError ?? "The last use failed" };
  if (c.lastUsedAt) return { status: "green", reason: "Used successfully" };
  return { status: "yellow", reason: "Configured, not used yet" };
}

export const statusLegend: { status: ConnectionStatus; meaning: string }[] = [
  { status: "green", meaning: "Used successfully by a test, a runtime fetch or a token refresh" },
  { status: "yellow", meaning: "Configured, not used yet" },
  { status: "red", meaning: "Incomplete, or its last use failed: see the reason" },
];
