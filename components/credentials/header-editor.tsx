"use client";

import { Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";

export type HeaderRow = { name: string; value: string; on: "authorize" | "token" | "both" };

/** The "+ Header" list of an OAuth 2.0 credential: name, value, and which request gets it. */
export function HeaderEditor({
  rows,
  onChange,
  errors,
}: {
  rows: HeaderRow[];
  onChange: (rows: HeaderRow[]) => void;
  errors: Record<string, string>;
}) {
  const set = (i: number, patch: Partial<HeaderRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800">Custom HTTP headers</legend>
      {rows.length === 0 ? (
        <p className="text-xs text-slate-500">Sent with the authorization request, the token request, or both.</p>
      ) : null}
      {rows.map((row, i) => (
        <div key={i} className="grid grid-cols-[1fr_1fr_auto_auto] items-start gap-2">
          <div>
            <input
              aria-label={`Header ${i + 1} name`}
              placeholder="X-Api-Version"
              value={row.name}
              onChange={(e) => set(i, { name: e.target.value })}
              className="w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300"
            />
            {errors[`headers.${i}.name`] ? <p className="text-xs text-red-600">{errors[`headers.${i}.name`]}</p> : null}
          </div>
          <div>
            <input
              aria-label={`Header ${i + 1} value`}
              placeholder="value"
              value={row.value}
              onChange={(e) => set(i, { value: e.target.value })}
              className="w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300"
            />
            {errors[`headers.${i}.value`] ? (
              <p className="text-xs text-red-600">{errors[`headers.${i}.value`]}</p>
            ) : null}
          </div>
          <select
            aria-label={`Header ${i + 1} sent on`}
            value={row.on}
            onChange={(e) => set(i, { on: e.target.value as HeaderRow["on"] })}
            className="rounded-md py-1.5 pl-2 pr-7 text-sm ring-1 ring-slate-300"
          >
            <option value="both">Both requests</option>
            <option value="authorize">Authorization</option>
            <option value="token">Token</option>
          </select>
          <Button
            variant="ghost"
            aria-label={`Remove header ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            <Trash2 className="size-4" aria-hidden />
          </Button>
        </div>
      ))}
      <Button variant="secondary" onClick={() => onChange([...rows, { name: "", value: "", on: "both" }])}>
        + Header
      </Button>
    </fieldset>
  );
}
