"use client";

import { Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { fieldTypes } from "@/lib/connection-types/names";

export type FieldRow = {
  key: string;
  label: string;
  type: (typeof fieldTypes)[number];
  required: boolean;
  secret: boolean;
  default: string;
  placeholder: string;
  /** A regular expression the whole value must match, and what the person is told when it does not ("" for none). */
  pattern: string;
  patternMessage: string;
};

const input =
  "w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500";

/** The field list of a custom connection type; errors arrive as `fields.<i>.<prop>`. */
export function FieldRowsEditor({
  rows,
  onChange,
  errors,
}: {
  rows: FieldRow[];
  onChange: (rows: FieldRow[]) => void;
  errors: Record<string, string>;
}) {
  const set = (i: number, patch: Partial<FieldRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800">Fields</legend>
      {errors.fields ? <p className="text-xs font-medium text-red-600">{errors.fields}</p> : null}
      {rows.map((row, i) => {
        const error = (prop: string) => errors[`fields.${i}.${prop}`];
        const n = i + 1;
        return (
          <div key={i} className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
            <div className="grid gap-2 sm:grid-cols-[1fr_1.3fr_8rem_auto]">
              <div>
                <input
                  aria-label={`Field ${n} key`}
                  placeholder="api_key"
                  value={row.key}
                  onChange={(e) => set(i, { key: e.target.value })}
                  className={`${input} font-mono`}
                  aria-invalid={error("key") ? true : undefined}
                />
                {error("key") ? <p className="text-xs text-red-600">{error("key")}</p> : null}
              </div>
              <div>
                <input
                  aria-label={`Field ${n} label`}
                  placeholder="API key"
                  value={row.label}
                  onChange={(e) => set(i, { label: e.target.value })}
                  className={input}
                  aria-invalid={error("label") ? true : undefined}
                />
                {error("label") ? <p className="text-xs text-red-600">{error("label")}</p> : null}
              </div>
              <select
                aria-label={`Field ${n} type`}
                value={row.type}
                onChange={(e) =>
                  set(i, {
                    type: e.target.value as FieldRow["type"],
                    secret: e.target.value === "password" ? true : row.secret,
                  })
                }
                className={input}
              >
                {fieldTypes.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
              <Button
                variant="ghost"
                aria-label={`Remove field ${n}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                <Trash2 className="size-4" aria-hidden />
              </Button>
            </div>
            <div className="mt-2 grid gap-2 sm:grid-cols-[1fr_1fr_auto_auto]">
              <div>
                <input
                  aria-label={`Field ${n} default`}
                  placeholder={row.secret ? "Secret: set defaults in an integration" : "Default (optional)"}
                  disabled={row.secret}
                  value={row.secret ? "" : row.default}
                  onChange={(e) => set(i, { default: e.target.value })}
                  className={input}
                  aria-invalid={error("default") ? true : undefined}
                />
                {error("default") ? <p className="text-xs text-red-600">{error("default")}</p> : null}
              </div>
              <input
                aria-label={`Field ${n} placeholder`}
                placeholder="Placeholder (optional)"
                value={row.placeholder}
                onChange={(e) => set(i, { placeholder: e.target.value })}
                className={input}
              />
              <label className="flex items-center gap-1.5 text-sm text-slate-700">
                <input
                  type="checkbox"
                  checked={row.required}
                  onChange={(e) => set(i, { required: e.target.checked })}
                />{" "}
                Required
              </label>
              <label className="flex items-center gap-1.5 text-sm text-slate-700">
                <input type="checkbox" checked={row.secret} onChange={(e) => set(i, { secret: e.target.checked })} />{" "}
                Secret
              </label>
            </div>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              <div>
                <input
                  aria-label={`Field ${n} pattern`}
                  placeholder="Pattern (optional): ^[a-z0-9-]+$"
                  value={row.pattern}
                  onChange={(e) => set(i, { pattern: e.target.value })}
                  className={`${input} font-mono`}
                  aria-invalid={error("pattern") ? true : undefined}
                  aria-describedby={error("pattern") ? `field-${n}-pattern-error` : undefined}
                />
                {error("pattern") ? (
                  <p id={`field-${n}-pattern-error`} className="text-xs text-red-600">
                    {error("pattern")}
                  </p>
                ) : null}
              </div>
              <div>
                <input
                  aria-label={`Field ${n} pattern message`}
                  placeholder="Told when the value does not match"
                  value={row.patternMessage}
                  onChange={(e) => set(i, { patternMessage: e.target.value })}
                  className={input}
                  aria-invalid={error("patternMessage") ? true : undefined}
                />
                {error("patternMessage") ? <p className="text-xs text-red-600">{error("patternMessage")}</p> : null}
              </div>
            </div>
          </div>
        );
      })}
      <Button
        variant="secondary"
        onClick={() =>
          onChange([
            ...rows,
            {
              key: "",
              label: "",
              type: "string",
              required: false,
              secret: false,
              default: "",
              placeholder: "",
              pattern: "",
              patternMessage: "",
            },
          ])
        }
      >
        + Field
      </Button>
    </fieldset>
  );
}
