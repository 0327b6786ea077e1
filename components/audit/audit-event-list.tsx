import { ChevronRight } from "lucide-react";
import { DateTime } from "@/components/ui/date-time";
import type { AuditEventDto } from "@/lib/audit/queries";

const who = (e: AuditEventDto) => e.actor.name ?? e.actor.id ?? e.actor.type;
const what = (e: AuditEventDto) => e.target.name ?? e.target.id ?? e.target.type;

/** The audit rows, newest first; each opens to everything it records, its hash included. */
export function AuditEventList({ events }: { events: AuditEventDto[] }) {
  return (
    <ul aria-label="Audit events" className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
      {events.map((e) => (
        <li key={e.id}>
          <details className="group">
            <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 text-sm">
              <ChevronRight
                className="size-4 shrink-0 text-slate-500 transition-transform group-open:rotate-90"
                aria-hidden
              />
              <span className="w-40 shrink-0 text-slate-600">
                <DateTime iso={e.at} />
              </span>
              <span className="font-mono text-xs text-slate-800">{e.action}</span>
              <span className="text-slate-900">{what(e)}</span>
              <span className="text-slate-500">
                by {who(e)} ({e.actor.type.replace("_", " ")})
              </span>
              {e.count > 1 ? <span className="text-xs text-slate-500">× {e.count}</span> : null}
            </summary>
            <dl className="grid grid-cols-1 gap-x-6 gap-y-1 border-t border-slate-100 px-4 py-3 text-xs sm:grid-cols-[10rem_1fr]">
              <dt className="text-slate-500">Actor</dt>
              <dd className="break-all text-slate-800">
                {e.actor.type} {e.actor.id ?? ""} {e.actor.name ?? ""}
              </dd>
              <dt className="text-slate-500">Target</dt>
              <dd className="break-all text-slate-800">
                {e.target.type} {e.target.id ?? ""} {e.target.name ?? ""}
              </dd>
              <dt className="text-slate-500">Fields changed</dt>
              <dd className="break-all text-slate-800">{e.fields.length > 0 ? e.fields.join(", ") : "none"}</dd>
              <dt className="text-slate-500">Address</dt>
              <dd className="text-slate-800">{e.address ?? "unknown"}</dd>
              <dt className="text-slate-500">User agent</dt>
              <dd className="break-all text-slate-800">{e.userAgent ?? "unknown"}</dd>
              <dt className="text-slate-500">Request id</dt>
              <dd className="break-all font-mono text-slate-800">{e.requestId ?? "none"}</dd>
              <dt className="text-slate-500">Hand-overs counted</dt>
              <dd className="text-slate-800">{e.count}</dd>
              <dt className="text-slate-500">Chain row</dt>
              <dd className="text-slate-800">{e.seq}</dd>
              <dt className="text-slate-500">Hash</dt>
              <dd className="break-all font-mono text-slate-800">{e.hash}</dd>
              <dt className="text-slate-500">Previous hash</dt>
              <dd className="break-all font-mono text-slate-800">{e.prevHash}</dd>
            </dl>
          </details>
        </li>
      ))}
    </ul>
  );
}
