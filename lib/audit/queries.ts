import "server-only";
import { and, desc, eq, gte, ilike, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditEvents, type AuditEvent, type UserRole } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/errors";
import { decodeCursor, page, paginationQuery } from "@/lib/pagination";
import { noControl, NO_CONTROL_MESSAGE } from "@/lib/validation/text";

// Reading the audit trail: one organization's rows, newest first, filtered by actor, target, action
// and time. Administrators only, whichever door they come through (the API, the Settings page).

const filterText = z
  .string()
  .trim()
  .max(200, "at most 200 characters")
  .refine(noControl, NO_CONTROL_MESSAGE)
  .optional()
  .transform((v) => (v === "" ? undefined : v));
const instant = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return undefined;
    const at = new Date(v);
    if (Number.isNaN(at.getTime())) {
      ctx.addIssue({ code: "custom", message: "a date and time such as 2026-12-01T00:00:00Z" });
      return z.NEVER;
    }
    return at;
  });

export const auditFilters = z.object({
  /** An actor's id, type (user, api_key, runtime_key, scheduler, ...) or part of its name. */
  actor: filterText,
  /** A target's id, type (credential, instance, ...) or part of its name. */
  target: filterText,
  /** An action (credential.updated) or its first part (credential). */
  action: filterText,
  since: instant,
  until: instant,
});
export type AuditFilters = z.output<typeof auditFilters>;
export const auditListQuery = auditFilters.extend(paginationQuery);

export const auditEventSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
    fields: z.array(z.string()),
    address: z.string().nullable(),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable(),
    /** Hand-overs of secrets: how many this row counts (one row per connection, caller and minute). */
    count: z.number().int(),
    seq: z.number().int(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: "AuditEvent" });
export type AuditEventDto = z.infer<typeof auditEventSchema>;

export function toAuditEventDto(row: AuditEvent): AuditEventDto {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { type: row.actorType, id: row.actorId, name: row.actorName },
    action: row.action,
    target: { type: row.targetType, id: row.targetId, name: row.targetName },
    fields: row.fields,
    address: row.address,
    userAgent: row.userAgent,
    requestId: row.requestId,
    count: row.handOvers,
    seq: Number(row.seq),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

const like = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function where(organizationId: string, f: Partial<AuditFilters>): SQL | undefined {
  return and(
    eq(auditEvents.organizationId, organizationId),
    f.actor
      ? or(
          eq(auditEvents.actorId, f.actor),
          eq(auditEvents.actorType, f.actor),
          ilike(auditEvents.actorName, like(f.actor)),
        )
      : undefined,
    f.target
      ? or(
          eq(auditEvents.targetId, f.target),
          eq(auditEvents.targetType, f.target),
          ilike(auditEvents.targetName, like(f.target)),
        )
      : undefined,
    f.action ? or(eq(auditEvents.action, f.action), sql`${auditEvents.action} like ${`${f.action}.%`}`) : undefined,
    f.since ? gte(auditEvents.at, f.since) : undefined,
    f.until ? lte(auditEvents.at, f.until) : undefined,
  );
}

/** Who reads: an API key's organization and role, or a signed-in user's (an embedded user never may). */
export type AuditReader = { organizationId: string; role: UserRole; embedded?: boolean };

/** Who may read the trail: refused to anyone but an administrator of the main app (a user's role or an API key's). */
export function requireAuditReader(reader: AuditReader): void {
  if (reader.embedded || !can(reader.role, "audit:read"))
    throw new ForbiddenError("Only administrators may read the audit trail");
}

/** A page of the organization's audit trail, newest first. */
export async function listAuditEvents(
  db: Db,
  reader: AuditReader,
  q: Partial<AuditFilters> & { limit: number; cursor?: string },
): Promise<{ data: AuditEventDto[]; nextCursor: string | null }> {
  requireAuditReader(reader);
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        where(reader.organizationId, q),
        cursor
          ? or(
              lt(auditEvents.at, cursor.createdAt),
              and(eq(auditEvents.at, cursor.createdAt), lt(auditEvents.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(q.limit + 1);
  const result = page(
    rows.map((r) => ({ ...r, createdAt: r.at })),
    q.limit,
  );
  return { data: result.data.map(toAuditEventDto), nextCursor: result.nextCursor };
}

/** Every row the filters match, newest first, in batches (the Settings page's export). */
export async function* exportAuditEvents(
  db: Db,
  reader: AuditReader,
  filters: Partial<AuditFilters>,
): AsyncGenerator<AuditEventDto> {
  let cursor: string | undefined;
  do {
    const batch = await listAuditEvents(db, reader, { ...filters, limit: 200, cursor });
    yield* batch.data;
    cursor = batch.nextCursor ?? undefined;
  } while (cursor);
}
