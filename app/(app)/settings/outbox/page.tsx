import type { Metadata } from "next";
import { ChevronRight } from "lucide-react";
import { getDb } from "@/db/client";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePermission } from "@/lib/auth/session";
import { listOutbox } from "@/lib/email/outbox";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Outbox" };

// GET /settings/outbox - e-mail kept here because no SMTP server is configured
export default async function OutboxPage() {
  const user = await requirePermission("outbox:read");
  const emails = await listOutbox(await getDb(), user.organizationId);
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        {env.SMTP_URL
          ? "E-mail goes out over SMTP; messages kept here date from before it was configured."
          : "No SMTP server is configured (SMTP_URL), so e-mail is kept here instead of sent: forward a message yourself. An authorization link is not kept here: it was shown once, to whoever sent it. Send a new one if it is lost."}
      </p>
      {emails.length === 0 ? (
        <EmptyState title="The outbox is empty">
          Authorization links you e-mail to customers appear here while no SMTP server is configured.
        </EmptyState>
      ) : (
        <ul aria-label="Outbox" className="space-y-3">
          {emails.map((m, i) => (
            <li key={m.id}>
              {/* The newest message is open: it is the one its sender is most likely forwarding. */}
              <details className="group rounded-lg bg-white ring-1 ring-slate-200" open={i === 0}>
                <summary className="flex cursor-pointer list-none flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
                  <span className="flex items-center gap-2 font-medium text-slate-900">
                    <ChevronRight
                      className="size-4 shrink-0 text-slate-500 transition-transform group-open:rotate-90"
                      aria-hidden
                    />
                    {m.subject}
                  </span>
                  <span className="text-xs text-slate-500">
                    to {m.to} · <DateTime iso={m.createdAt} />
                  </span>
                </summary>
                <pre className="overflow-x-auto whitespace-pre-wrap border-t border-slate-100 px-4 py-3 font-sans text-sm text-slate-800">
                  {m.text}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
