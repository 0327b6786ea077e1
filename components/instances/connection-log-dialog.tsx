"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { connectionLogsAction } from "@/app/(app)/instances/actions";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { Dialog } from "@/components/ui/dialog";

const levelStyles: Record<string, string> = {
  info: "bg-slate-100 text-slate-700",
  warn: "bg-amber-100 text-amber-800",
  error: "bg-red-100 text-red-800",
};

/** "Logs" beside a connection: its log, newest first, polled while the dialog is open. */
export function ConnectionLogButton({
  instanceId,
  connectionKey,
  label,
}: {
  instanceId: string;
  connectionKey: string;
  label: string;
}) {
  const [open, setOpen] = useState(false);
  const logs = useQuery({
    queryKey: ["connection-logs", instanceId, connectionKey],
    queryFn: async () => {
      const result = await connectionLogsAction({ instanceId, key: connectionKey });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    enabled: open,
    refetchInterval: open ? 2000 : false,
  });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Logs of ${label}`}>
        Logs
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Log of ${label}`}
        description="Newest first; it updates while open."
      >
        <div className="max-h-[60vh] overflow-y-auto" aria-live="polite" aria-busy={logs.isLoading}>
          {logs.isLoading ? <p className="text-sm text-slate-500">Loading…</p> : null}
          {logs.error ? <p className="text-sm text-red-600">{logs.error.message}</p> : null}
          {logs.data && logs.data.length === 0 ? (
            <p className="text-sm text-slate-600">
              Nothing logged yet: entries appear when the connection is configured, tested or used.
            </p>
          ) : null}
          <ol className="divide-y divide-slate-100" aria-label="Log entries">
            {logs.data?.map((entry) => (
              <li key={entry.id} className="py-2 text-sm">
                <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                  <DateTime iso={entry.createdAt} relative />
                  <span
                    className={`rounded px-1.5 py-0.5 font-medium uppercase ${levelStyles[entry.level] ?? levelStyles.info}`}
                  >
                    {entry.level}
                  </span>
                  <span className="font-medium text-slate-700">{entry.event}</span>
                </div>
                <p className="mt-0.5 break-words text-slate-800">{entry.message}</p>
              </li>
            ))}
          </ol>
        </div>
        <div className="mt-4 flex justify-end">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Close
          </Button>
        </div>
      </Dialog>
    </>
  );
}
