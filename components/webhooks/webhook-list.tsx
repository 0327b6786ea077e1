"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import type { WebhookDto } from "@/lib/webhooks/schemas";
import { AddWebhookDialog } from "./add-webhook-dialog";

/** Settings → Webhooks: the endpoints; admins add them (the secret shown once). */
export function WebhookList({ endpoints, canManage }: { endpoints: WebhookDto[]; canManage: boolean }) {
  const [adding, setAdding] = useState(false);
  const addButton = canManage ? <Button onClick={() => setAdding(true)}>+ Endpoint</Button> : null;
  return (
    <section aria-labelledby="webhooks-heading">
      <div className="mb-4 flex items-center justify-between">
        <div>
          <h2 id="webhooks-heading" className="text-base font-semibold">
            Webhooks
          </h2>
          <p className="text-sm text-slate-600">
            Your systems hear at once when a customer connects, a refresh fails or a connection recovers.
          </p>
        </div>
        {endpoints.length > 0 ? addButton : null}
      </div>
      {endpoints.length === 0 ? (
        <EmptyState title="No webhook endpoints yet" action={addButton}>
          Add the URL of a receiver; Latchkey signs every event it sends there (Standard Webhooks) and retries for a
          day.
        </EmptyState>
      ) : (
        <div className="relative overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">
                  URL
                </th>
                <th scope="col" className="px-4 py-3">
                  Events
                </th>
                <th scope="col" className="px-4 py-3">
                  State
                </th>
                <th scope="col" className="px-4 py-3">
                  Added
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {endpoints.map((w) => (
                <tr key={w.id}>
                  <td className="px-4 py-3">
                    <Link href={`/settings/webhooks/${w.id}`} className="font-medium text-brand-700 hover:underline">
                      <span className="break-all">{w.url}</span>
                    </Link>
                    {w.description ? <div className="text-xs text-slate-600">{w.description}</div> : null}
                  </td>
                  <td className="px-4 py-3 text-xs">{w.events.includes("*") ? "All events" : w.events.join(", ")}</td>
                  <td className="px-4 py-3">{w.enabled ? "Enabled" : "Disabled"}</td>
                  <td className="px-4 py-3">
                    <DateTime iso={w.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage ? <AddWebhookDialog open={adding} onClose={() => setAdding(false)} /> : null}
    </section>
  );
}
