// GET /api/v1/audit-events - the organization's audit trail, newest first (admin keys only)
import { apiRoute } from "@/lib/api/route";
import { auditSpecs } from "@/lib/api/specs/audit";
import { listAuditEvents } from "@/lib/audit/queries";

export const GET = apiRoute(auditSpecs.list, ({ db, principal, query }) =>
  listAuditEvents(db, { organizationId: principal.organizationId, role: principal.role }, query),
);
