"use client";

import { Button } from "@/components/ui/button";
import type { DesignerType } from "./designer-types";
import type { Variable } from "./config-variable-types";

/** The variable's label, key and type, and the steps that use it. */
export function ConfigVariableCardHeader({ variable, type }: { variable: Variable; type: DesignerType | undefined }) {
  return (
    <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-4 py-3">
      <div>
        <h3 id={`cv-${variable.key}`} className="font-medium text-slate-900">
          {variable.label} <span className="font-mono text-xs font-normal text-slate-500">{variable.key}</span>
        </h3>
        <p className="text-xs text-slate-500">{type?.label ?? `Unknown type ${variable.connectionType}`}</p>
      </div>
      <p className="text-xs text-slate-600" data-testid={`used-by-${variable.key}`}>
        {variable.usedBySteps.length > 0 ? `Used by: ${variable.usedBySteps.join(", ")}` : "Not used by any step"}
      </p>
    </header>
  );
}

/** Remove (refused while steps use the variable) and Save. */
export function ConfigVariableCardActions({
  variable,
  removing,
  saving,
  onRemove,
}: {
  variable: Variable;
  removing: boolean;
  saving: boolean;
  onRemove: () => void;
}) {
  const used = variable.usedBySteps.length > 0;
  return (
    <footer className="flex justify-between gap-3 border-t border-slate-100 px-4 py-3">
      <Button
        variant="ghost"
        pending={removing}
        disabled={used}
        title={used ? "Steps use this connection; remove them first" : undefined}
        onClick={onRemove}
      >
        Remove
      </Button>
      <Button type="submit" pending={saving}>
        Save {variable.label}
      </Button>
    </footer>
  );
}
