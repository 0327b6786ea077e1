"use client";

import { SelectField, TextField } from "@/components/ui/field";
import type { KindTraits } from "@/lib/connection-types/kinds/kind";

type Props = {
  kinds: readonly KindTraits[];
  kind: KindTraits;
  onKindChange: (next: KindTraits) => void;
  errors: Record<string, string>;
};

/** A new connection type's name, key, description, kind and documentation link. */
export function ConnectionTypeBasics({ kinds, kind, onKindChange, errors: e }: Props) {
  return (
    <section className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="label" required placeholder="Acme CRM" error={e.label} autoComplete="off" />
        <TextField
          label="Key"
          name="key"
          required
          placeholder="acme_crm"
          error={e.key}
          hint="Lower case letters, digits and underscores; integrations refer to the type by it."
          autoComplete="off"
        />
      </div>
      <TextField label="Description (optional)" name="description" error={e.description} autoComplete="off" />
      <SelectField
        label="Authorization"
        value={kind.kind}
        onChange={(ev) => onKindChange(kinds.find((k) => k.kind === ev.target.value) ?? kind)}
        error={e.kind}
        hint={
          kind.wellKnownFields.length > 0
            ? "The OAuth fields below use the well-known keys; rename their labels as the provider does."
            : "The customer enters values such as an API key."
        }
      >
        {kinds.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Documentation URL (optional)"
        name="docsUrl"
        type="url"
        error={e.docsUrl}
        placeholder="https://developer.acme.example/docs"
      />
    </section>
  );
}
