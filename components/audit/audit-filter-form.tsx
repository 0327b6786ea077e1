import { TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

export type AuditFilterValues = { actor?: string; target?: string; action?: string; since?: string; until?: string };

/** The audit trail's filters, as a plain GET form: the URL holds them, so a filtered view can be shared. */
export function AuditFilterForm({ values, errors }: { values: AuditFilterValues; errors: Record<string, string> }) {
  return (
    <form method="get" action="/settings/audit" aria-label="Filter the audit trail" className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <TextField
          label="Actor"
          name="actor"
          defaultValue={values.actor}
          placeholder="e-mail, key name, api_key"
          error={errors.actor}
        />
        <TextField
          label="Target"
          name="target"
          defaultValue={values.target}
          placeholder="name, id or credential"
          error={errors.target}
        />
        <TextField
          label="Action"
          name="action"
          defaultValue={values.action}
          placeholder="credential.updated"
          error={errors.action}
        />
        <TextField
          label="From (UTC)"
          name="since"
          type="datetime-local"
          defaultValue={values.since}
          error={errors.since}
        />
        <TextField
          label="To (UTC)"
          name="until"
          type="datetime-local"
          defaultValue={values.until}
          error={errors.until}
        />
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary")}>
          Filter
        </button>
        <a href="/settings/audit" className={buttonClass("ghost")}>
          Clear
        </a>
      </div>
    </form>
  );
}
