import { auditEventSchema, auditListQuery } from "@/lib/audit/queries";
import { listOf } from "@/lib/credentials/api-schemas";
import { routeSpec } from "../spec";

// The organization's audit trail.
export const auditSpecs = {
  list: routeSpec({
    method: "GET",
    path: "/api/v1/audit-events",
    tag: "Audit",
    summary: "The audit trail, newest first, filtered by actor, target, action and time (admin keys only)",
    auth: "apiKey",
    permission: "audit:read",
    query: auditListQuery,
    response: listOf(auditEventSchema),
  }),
};
