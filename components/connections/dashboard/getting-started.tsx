import Link from "next/link";
import { CheckCircle2, Circle } from "lucide-react";
import type { GettingStartedStep } from "@/lib/organizations/getting-started";
import { DismissGettingStarted } from "./dismiss-getting-started";

const steps: Record<GettingStartedStep["key"], { title: string; body: string; href: string; link: string }> = {
  "connection-type": {
    title: "Add a connection type, or pick one from the catalogue",
    body: "Salesforce, Dropbox, Slack and more are built in; declare your own for any other service.",
    href: "/components",
    link: "Open Components",
  },
  integration: {
    title: "Design an integration",
    body: "Add its connections and choose, per field, what the customer sees and what you set.",
    href: "/integrations",
    link: "Open Integrations",
  },
  deploy: {
    title: "Deploy it to a customer",
    body: "An instance of the integration for one customer, with its own wizard.",
    href: "/customers",
    link: "Open Customers",
  },
  connect: {
    title: "Press CONNECT",
    body: "Authorize an OAuth connection of an instance, or e-mail the customer a link to do it.",
    href: "/customers",
    link: "Find an instance",
  },
  api: {
    title: "Create an API key and call the values endpoint",
    body: "GET /api/v1/instances/{id}/connections/{key}/values hands your integration code fresh credentials.",
    href: "/settings/api-keys",
    link: "Open API keys",
  },
};

/** The first-run checklist of the dashboard: each step ticked from the organization's data, dismissible. */
export function GettingStarted({ progress }: { progress: GettingStartedStep[] }) {
  const done = progress.filter((s) => s.done).length;
  return (
    <section aria-labelledby="getting-started" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="getting-started" className="text-base font-semibold text-slate-900">
            Getting started
          </h2>
          <p className="text-sm text-slate-600">
            {done} of {progress.length} done. Each step is ticked as soon as it has happened.
          </p>
        </div>
        <DismissGettingStarted />
      </div>
      <ol className="mt-4 space-y-3">
        {progress.map((s) => {
          const step = steps[s.key];
          return (
            <li key={s.key} className="flex gap-3" data-step={s.key} data-done={s.done}>
              {s.done ? (
                <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-emerald-600" aria-hidden />
              ) : (
                <Circle className="mt-0.5 size-5 shrink-0 text-slate-400" aria-hidden />
              )}
              <div className="min-w-0">
                <p className={`text-sm font-medium ${s.done ? "text-slate-500 line-through" : "text-slate-900"}`}>
                  {step.title}
                  <span className="sr-only">{s.done ? " (done)" : " (to do)"}</span>
                </p>
                <p className="text-sm break-words text-slate-600">
                  {step.body}{" "}
                  {s.done ? null : (
                    <Link href={step.href} className="font-medium text-brand-700 underline hover:no-underline">
                      {step.link}
                    </Link>
                  )}
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
