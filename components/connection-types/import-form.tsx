"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createConnectionTypeAction } from "@/app/(app)/components/actions";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import type { ConnectionTypeInput } from "@/lib/connection-types/definition";

// Import a connection type from the JSON a type page (or GET /api/v1/connection-types/{key}/export)
// exported: the same check as any new type, on the server.

/** A textarea for an exported definition, and its Import button. */
export function ImportForm() {
  const router = useRouter();
  const [parseError, setParseError] = useState<string | undefined>();
  const create = useActionMutation(createConnectionTypeAction, {
    success: (d) => `Imported ${d.label}`,
    onSuccess: (d) => router.push(`/components/${d.key}`),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("definition") ?? "");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      setParseError("Paste the JSON of an exported connection type");
      return;
    }
    setParseError(undefined);
    create.mutate(parsed as ConnectionTypeInput);
  }

  const [path, message] = Object.entries(create.fieldErrors)[0] ?? [];
  const firstError = parseError ?? (message ? `${path}: ${message}` : undefined);
  return (
    <section aria-labelledby="import-heading" className="mb-8 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="import-heading" className="mb-1 text-base font-semibold text-slate-900">
        Import JSON
      </h2>
      <form onSubmit={onSubmit} className="space-y-3" aria-label="Import a connection type">
        <TextAreaField
          label="Exported definition"
          name="definition"
          rows={4}
          maxLength={262144}
          placeholder='{"key": "acme", "label": "Acme", "kind": "oauth2", "fields": [...]}'
          error={firstError}
        />
        <Button type="submit" disabled={create.isPending}>
          Import
        </Button>
      </form>
    </section>
  );
}
