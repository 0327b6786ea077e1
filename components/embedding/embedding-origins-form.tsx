"use client";

import type { FormEvent } from "react";
import { updateEmbeddingOriginsAction } from "@/app/(app)/settings/embedding/actions";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";

type Field = "allowedFrameOrigins" | "allowedRedirectOrigins";

/** One list of origins with its own Save: saving one list never overwrites the other. */
function OriginsForm({
  field,
  label,
  hint,
  origins,
  canManage,
}: {
  field: Field;
  label: string;
  hint: string;
  origins: string[];
  canManage: boolean;
}) {
  const save = useActionMutation(updateEmbeddingOriginsAction, { success: `${label} saved` });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ [field]: String(new FormData(event.currentTarget).get(field) ?? "") });
  }

  return (
    <form
      onSubmit={onSubmit}
      className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200"
      aria-label={label}
      noValidate
    >
      <TextAreaField
        label={label}
        name={field}
        rows={3}
        defaultValue={origins.join("\n")}
        disabled={!canManage}
        placeholder="https://app.partner.example"
        hint={hint}
        error={save.fieldErrors[field]}
      />
      {canManage ? (
        <div className="flex justify-end">
          <Button type="submit" pending={save.isPending}>
            Save {label.toLowerCase()}
          </Button>
        </div>
      ) : null}
    </form>
  );
}

/** Settings → Embedding: which partner origins may frame the embedded screens, and which may be redirected to after an authorization. */
export function EmbeddingOriginsForm({
  allowedFrameOrigins,
  allowedRedirectOrigins,
  canManage,
}: {
  allowedFrameOrigins: string[];
  allowedRedirectOrigins: string[];
  canManage: boolean;
}) {
  return (
    <section aria-labelledby="origins-heading" className="space-y-4">
      <div>
        <h2 id="origins-heading" className="text-base font-semibold">
          Allowed origins
        </h2>
        <p className="text-sm text-slate-600">
          One origin per line: scheme, host and port, no path (https://app.partner.example).
          {canManage ? "" : " Only admins change these."}
        </p>
      </div>
      <OriginsForm
        field="allowedFrameOrigins"
        label="Allowed frame origins"
        origins={allowedFrameOrigins}
        canManage={canManage}
        hint="Pages on these origins may show the embedded screens in an iframe (Content-Security-Policy: frame-ancestors) and talk to them with postMessage. Removing one ends its embedded sessions."
      />
      <OriginsForm
        field="allowedRedirectOrigins"
        label="Allowed redirect origins"
        origins={allowedRedirectOrigins}
        canManage={canManage}
        hint="Success and failure redirect URLs of connections, and the way back after a CONNECT that could not open a popup, must be on these origins."
      />
    </section>
  );
}
