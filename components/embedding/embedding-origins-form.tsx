"use client";

import type { FormEvent } from "react";
import { updateEmbeddingOriginsAction } from "@/app/(app)/settings/embedding/actions";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";

/** Settings → Embedding: which partner origins may frame the embedded screens, and which may be redirected to after an authorization. */
export function EmbeddingOriginsForm({ allowedFrameOrigins, allowedRedirectOrigins, canManage }: { allowedFrameOrigins: string[]; allowedRedirectOrigins: string[]; canManage: boolean }) {
  const save = useActionMutation(updateEmbeddingOriginsAction, { success: "Origins saved" });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    save.mutate({ allowedFrameOrigins: String(data.get("allowedFrameOrigins") ?? ""), allowedRedirectOrigins: String(data.get("allowedRedirectOrigins") ?? "") });
  }

  return (
    <section aria-labelledby="origins-heading" className="space-y-4">
      <div>
        <h2 id="origins-heading" className="text-base font-semibold">
          Allowed origins
        </h2>
        <p className="text-sm text-slate-600">One origin per line: scheme, host and port, no path (https://app.partner.example).</p>
      </div>
      <form onSubmit={onSubmit} className="space-y-4 rounded-lg bg-white p-4 ring-1 ring-slate-200" aria-label="Allowed origins" noValidate>
        <TextAreaField
          label="Allowed frame origins"
          name="allowedFrameOrigins"
          rows={3}
          defaultValue={allowedFrameOrigins.join("\n")}
          disabled={!canManage}
          hint="Pages on these origins may show the embedded screens in an iframe (Content-Security-Policy: frame-ancestors) and talk to them with postMessage. Removing one ends its embedded sessions."
          error={save.fieldErrors.allowedFrameOrigins}
        />
        <TextAreaField
          label="Allowed redirect origins"
          name="allowedRedirectOrigins"
          rows={3}
          defaultValue={allowedRedirectOrigins.join("\n")}
          disabled={!canManage}
          hint="Success and failure redirect URLs of connections, and the way back after a CONNECT that could not open a popup, must be on these origins."
          error={save.fieldErrors.allowedRedirectOrigins}
        />
        {canManage ? (
          <div className="flex justify-end">
            <Button type="submit" pending={save.isPending}>
              Save origins
            </Button>
          </div>
        ) : (
          <p className="text-sm text-slate-500">Only admins change these.</p>
        )}
      </form>
    </section>
  );
}
