"use client";

import type { IntegrationDto } from "@/lib/integrations/schemas";
import { AddConfigVariableForm } from "./add-config-variable-form";
import { ConfigVariableCard } from "./config-variable-card";
import type { DesignerAction, DesignerType } from "./designer-types";
import { StepsEditor } from "./steps-editor";

/** The Configuration Wizard Designer: connections (config variables) and the steps that use them. */
export function IntegrationDesigner({
  integration,
  types,
  actions,
  writable,
}: {
  integration: IntegrationDto;
  types: DesignerType[];
  actions: DesignerAction[];
  writable: boolean;
}) {
  return (
    <div className="grid gap-8 xl:grid-cols-[1fr_24rem]">
      <section aria-labelledby="connections-heading" className="space-y-4">
        <div>
          <h2 id="connections-heading" className="text-base font-semibold text-slate-900">
            Connections
          </h2>
          <p className="text-sm text-slate-600">
            Config variables of type Connection. Per field: a default, and who sees it in the wizard.
          </p>
        </div>
        {integration.configVariables.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">
            No connections yet. Add one below, or add a step whose action needs one.
          </p>
        ) : null}
        {integration.configVariables.map((v) => {
          const type = types.find((t) => t.key === v.connectionType);
          return (
            <ConfigVariableCard
              key={v.key}
              integrationId={integration.id}
              variable={v}
              type={type}
              writable={writable}
            />
          );
        })}
        {writable ? (
          <AddConfigVariableForm
            integrationId={integration.id}
            types={types}
            takenKeys={integration.configVariables.map((v) => v.key)}
          />
        ) : null}
      </section>
      <section aria-labelledby="steps-heading" className="space-y-4">
        <div>
          <h2 id="steps-heading" className="text-base font-semibold text-slate-900">
            Steps
          </h2>
          <p className="text-sm text-slate-600">
            What the integration does. Steps that call a service use one of the connections.
          </p>
        </div>
        <StepsEditor integration={integration} actions={actions} writable={writable} />
      </section>
    </div>
  );
}
