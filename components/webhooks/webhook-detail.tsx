"use client";

import Link from "next/link";
import { retryDeliveryAction } from "@/app/(app)/settings/webhooks/actions";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import type { DeliveryDto, WebhookDto } from "@/lib/webhooks/schemas";
import { EndpointActions } from "./endpoint-actions";
import { LiveRefresh } from "./live-refresh";

type Props = {
  endpoint: WebhookDto;
  deliveries: DeliveryDto[];
  status: DeliveryDto["status"] | null;
  payload: { deliveryId: string; json: string } | null;
  canManage: boolean;
};

const filters: { label: string; status: DeliveryDto["status"] | null }[] = [
  { label: "All", status: null },
  { label: "Pending", status: "pending" },
  { label: "Delivered", status: "delivered" },
  { label: "Failed", status: "failed" },
];

const statusClass: Record<DeliveryDto["status"], string> = {
  pending: "bg-amber-100 text-amber-900",
  delivered: "bg-green-100 text-green-900",
  failed: "bg-red-100 text-red-900",
};

/** One endpoint: what it receives, an admin's actions, and its delivery log (live). */
export function WebhookDetail({ endpoint, deliveries, status, payload, canManage }: Props) {
  const retry = useActionMutation(retryDeliveryAction, { success: "Sending it again now" });
  const href = (s: DeliveryDto["status"] | null, extra = "") =>
    `/settings/webhooks/${endpoint.id}?${new URLSearchParams({ ...(s ? { status: s } : {}) }).toString()}${extra}`;
  const columns: DataTableColumn<DeliveryDto>[] = [
    { header: "Event", className: "font-mono text-xs", cell: (d) => d.eventType },
    {
      header: "Status",
      cell: (d) => (
        <span className={`rounded px-2 py-0.5 text-xs font-medium ${statusClass[d.status]}`}>{d.status}</span>
      ),
    },
    { header: "Attempts", cell: (d) => d.attempts },
    {
      header: "Last answer",
      className: "text-xs",
      cell: (d) => (
        <>
          {d.lastStatusCode ?? ""} {d.lastError ?? ""}
        </>
      ),
    },
    { header: "Next attempt", cell: (d) => <DateTime iso={d.nextAttemptAt} /> },
    { header: "Latency", cell: (d) => (d.latencyMs === null ? "" : `${d.latencyMs} ms`) },
    { header: "Created", cell: (d) => <DateTime iso={d.createdAt} /> },
    {
      header: "Actions",
      hideHeader: true,
      className: "text-right whitespace-nowrap",
      cell: (d) => (
        <>
          <Link href={href(status, `&payload=${d.id}`)} className="mr-3 text-brand-700 hover:underline">
            Payload
          </Link>
          {canManage ? (
            <Button
              variant="secondary"
              pending={retry.isPending && retry.variables?.deliveryId === d.id}
              onClick={() => retry.mutate({ id: endpoint.id, deliveryId: d.id })}
            >
              Retry now
            </Button>
          ) : null}
        </>
      ),
    },
  ];
  return (
    <section aria-labelledby="webhook-heading" className="space-y-6">
      <LiveRefresh />
      <div>
        <Link href="/settings/webhooks" className="text-sm text-brand-700 hover:underline">
          ← Webhooks
        </Link>
        <h2 id="webhook-heading" className="mt-2 break-all text-base font-semibold">
          {endpoint.url}
        </h2>
        {endpoint.description ? <p className="text-sm text-slate-600">{endpoint.description}</p> : null}
        <p className="mt-1 text-sm text-slate-700">
          {endpoint.enabled ? "Enabled" : "Disabled"} ·{" "}
          {endpoint.events.includes("*") ? "All events" : endpoint.events.join(", ")}
        </p>
        {endpoint.disabledReason ? (
          <p className="mt-1 text-sm text-red-800" role="status">
            {endpoint.disabledReason}
          </p>
        ) : null}
      </div>
      {canManage ? <EndpointActions endpoint={endpoint} /> : null}
      <div>
        <div className="mb-3 flex items-center justify-between">
          <h3 className="text-sm font-semibold">Deliveries</h3>
          <nav aria-label="Filter deliveries by status" className="flex gap-3 text-sm">
            {filters.map((f) => (
              <Link
                key={f.label}
                href={href(f.status)}
                aria-current={f.status === status ? "page" : undefined}
                className={f.status === status ? "font-semibold text-brand-700" : "text-slate-600 hover:underline"}
              >
                {f.label}
              </Link>
            ))}
          </nav>
        </div>
        {deliveries.length === 0 ? (
          <EmptyState title={status ? `No ${status} deliveries` : "No deliveries yet"}>
            Deliveries appear here as events happen{canManage ? "; send a test event to try the endpoint" : ""}.
          </EmptyState>
        ) : (
          <DataTable
            label="Deliveries"
            columns={columns}
            rows={deliveries}
            rowKey={(d) => d.id}
            rowData={(d) => ({ "data-delivery-id": d.id })}
          />
        )}
        {payload ? (
          <div className="mt-4">
            <h3 className="text-sm font-semibold">Payload sent</h3>
            <pre className="mt-2 overflow-x-auto rounded-md bg-slate-900 p-4 text-xs text-slate-100">
              {payload.json}
            </pre>
          </div>
        ) : null}
      </div>
    </section>
  );
}
