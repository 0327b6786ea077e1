// GET /settings/audit/export?format=csv|jsonl&actor=&target=&action=&since=&until= - the audit rows the filters match, as a download (admins)
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { zodFields } from "@/lib/api/errors";
import { auditExport } from "@/lib/audit/export";
import { auditFilters } from "@/lib/audit/queries";
import { getCurrentUser } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { runForRequest } from "@/lib/http/in-request";
import { setActor } from "@/lib/request-context";

export const dynamic = "force-dynamic";

const exportQuery = auditFilters.extend({ format: z.enum(["csv", "jsonl"], { message: "format is csv or jsonl" }) });

const refusal = (status: number, code: string, message: string, fields?: Record<string, string>) =>
  NextResponse.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status });

export function GET(request: Request) {
  return runForRequest(request, async () => {
    const user = await getCurrentUser();
    if (!user) return refusal(401, "unauthorized", "Sign in to export the audit trail");
    setActor({ type: user.embedded ? "embedded_user" : "user", id: user.id, name: user.email });
    const parsed = exportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return refusal(400, "invalid_request", "The filters are not valid", zodFields(parsed.error));
    const { format, ...filters } = parsed.data;
    const db = await getDb();
    try {
      const download = auditExport(db, { ...user, embedded: user.embedded }, filters, format);
      return new Response(download.body, {
        headers: {
          "content-type": download.contentType,
          "content-disposition": `attachment; filename="${download.fileName}"`,
          "cache-control": "no-store",
        },
      });
    } catch (error) {
      if (error instanceof ForbiddenError) return refusal(403, "forbidden", error.message);
      throw error;
    }
  });
}
