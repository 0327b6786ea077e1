import "server-only";
import type { Db } from "@/db/client";
import {
  exportAuditEvents,
  requireAuditReader,
  type AuditEventDto,
  type AuditFilters,
  type AuditReader,
} from "./queries";

// The Settings page's export of the rows its filters match: CSV for a spreadsheet, JSON Lines for a
// log tool. Streamed in batches, so a long trail never sits in memory whole.

export type ExportFormat = "csv" | "jsonl";

const COLUMNS = [
  "at",
  "actor_type",
  "actor_id",
  "actor_name",
  "action",
  "target_type",
  "target_id",
  "target_name",
  "fields",
  "address",
  "user_agent",
  "request_id",
  "count",
  "seq",
  "prev_hash",
  "hash",
] as const;

// A cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with a quote.
function csvCell(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(e: AuditEventDto): string {
  const cells = [
    e.at,
    e.actor.type,
    e.actor.id,
    e.actor.name,
    e.action,
    e.target.type,
    e.target.id,
    e.target.name,
    e.fields.join(" "),
    e.address,
    e.userAgent,
    e.requestId,
    e.count,
    e.seq,
    e.prevHash,
    e.hash,
  ];
  return cells.map(csvCell).join(",") + "\r\n";
}

/** The rows as a download: its body (streamed), content type and file name; ForbiddenError for anyone but an admin. */
export function auditExport(db: Db, reader: AuditReader, filters: Partial<AuditFilters>, format: ExportFormat) {
  requireAuditReader(reader);
  const rows = exportAuditEvents(db, reader, filters);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === "csv") controller.enqueue(encoder.encode(COLUMNS.join(",") + "\r\n"));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(format === "csv" ? csvRow(next.value) : JSON.stringify(next.value) + "\n"));
    },
  });
  return {
    body,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    fileName: `audit-events.${format === "csv" ? "csv" : "jsonl"}`,
  };
}
