import { z } from "zod";
import { expiryBucketKeys, expiryBucketLabels, type ExpiryBucket } from "./expiry-buckets";
import { hourLabel, type RefreshOutcome } from "./refresh-window";
import type { ConnectionStatus } from "./status";

// Which connections the list behind a dashboard figure shows, read from its query string
// (/connections?status=red, ?expiry=1h, ?refresh=failed&hour=2025-01-31T14:00:00.000Z). The
// dashboard builds its links with connectionsHref, the list page parses them with parseConnectionFilter.

export type ConnectionFilter =
  | { kind: "all" }
  | { kind: "status"; status: ConnectionStatus }
  | { kind: "expiry"; bucket: ExpiryBucket }
  /** hour null: the whole last day of the chart. */
  | { kind: "refresh"; outcome: RefreshOutcome; hour: Date | null };

const single = (name: string) => z.string({ error: `Give ${name} once` }).optional();

const querySchema = z
  .object({
    status: single("status").pipe(
      z.enum(["green", "yellow", "red"], { error: "status must be green, yellow or red" }).optional(),
    ),
    expiry: single("expiry").pipe(
      z.enum(expiryBucketKeys, { error: `expiry must be one of ${expiryBucketKeys.join(", ")}` }).optional(),
    ),
    refresh: single("refresh").pipe(
      z.enum(["refreshed", "failed", "any"], { error: "refresh must be refreshed, failed or any" }).optional(),
    ),
    hour: single("hour").pipe(
      z.iso
        .datetime({ offset: true, error: "hour must be a time such as 2025-01-31T14:00:00Z" })
        .transform((v) => new Date(v))
        .refine((d) => d.getTime() % 3_600_000 === 0, "hour must start on the hour, such as 2025-01-31T14:00:00Z")
        .optional(),
    ),
  })
  .refine(
    (q) => [q.status, q.expiry, q.refresh].filter((v) => v !== undefined).length <= 1,
    "Choose one of status, expiry or refresh",
  )
  .refine((q) => q.hour === undefined || q.refresh !== undefined, {
    message: "hour goes with refresh",
    path: ["hour"],
  });

/** The filter of a query string, or what is wrong with it in words for the page. */
export function parseConnectionFilter(
  params: Record<string, string | string[] | undefined>,
): { ok: true; filter: ConnectionFilter } | { ok: false; error: string } {
  const parsed = querySchema.safeParse(params);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join("; ") };
  const q = parsed.data;
  if (q.status) return { ok: true, filter: { kind: "status", status: q.status } };
  if (q.expiry) return { ok: true, filter: { kind: "expiry", bucket: q.expiry } };
  if (q.refresh) return { ok: true, filter: { kind: "refresh", outcome: q.refresh, hour: q.hour ?? null } };
  return { ok: true, filter: { kind: "all" } };
}

/** The list page's address for a filter. */
export function connectionsHref(filter: ConnectionFilter): string {
  switch (filter.kind) {
    case "all":
      return "/connections";
    case "status":
      return `/connections?status=${filter.status}`;
    case "expiry":
      return `/connections?expiry=${filter.bucket}`;
    case "refresh":
      return `/connections?${new URLSearchParams({ refresh: filter.outcome, ...(filter.hour ? { hour: filter.hour.toISOString() } : {}) })}`;
  }
}

const statusWords: Record<ConnectionStatus, string> = { green: "Green", yellow: "Yellow", red: "Red" };
const outcomeWords: Record<RefreshOutcome, string> = {
  refreshed: "a successful token refresh",
  failed: "a failed token refresh",
  any: "a token refresh",
};

/** The list page's title for a filter. */
export function describeFilter(filter: ConnectionFilter): string {
  switch (filter.kind) {
    case "all":
      return "All connections";
    case "status":
      return `${statusWords[filter.status]} connections`;
    case "expiry":
      return expiryBucketLabels[filter.bucket].title;
    case "refresh":
      return `Connections with ${outcomeWords[filter.outcome]} ${filter.hour ? `at ${hourLabel(filter.hour)}` : "in the last 24 hours"}`;
  }
}
