"use client";

import { useState, type FormEvent } from "react";
import { notify } from "@/components/ui/notify";
import { createRuntimeKeyAction, revokeRuntimeKeyAction } from "@/app/(app)/instances/actions";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";

type Key = {
  id: string;
  name: string;
  tokenPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** The instance's runtime keys: for its integration code, limited to this instance's runtime values. */
export function RuntimeKeys({ instanceId, keys }: { instanceId: string; keys: Key[] }) {
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const create = useActionMutation(createRuntimeKeyAction, {
    success: "Runtime key created",
    onSuccess: (d) => setCreated({ name: d.name, token: d.token }),
  });
  const revoke = useActionMutation(revokeRuntimeKeyAction, { success: "Runtime key revoked" });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ instanceId, name: String(new FormData(event.currentTarget).get("name") ?? "") });
  }

  return (
    <section aria-labelledby="runtime-keys-heading" className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 id="runtime-keys-heading" className="text-base font-semibold">
        Runtime keys
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Integration code running for this instance fetches its connections with{" "}
        <code className="font-mono text-xs">GET /api/v1/instances/{instanceId}/connections/&#123;key&#125;/values</code>
        . A runtime key may do that for this instance and nothing else.
      </p>
      {created ? (
        <div className="mt-4 space-y-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200">
          <p className="text-sm">
            This is the only time <strong>{created.name}</strong> is shown. Store it with the integration&apos;s secrets
            now.
          </p>
          <label htmlFor="new-runtime-key" className="sr-only">
            New runtime key
          </label>
          <input
            id="new-runtime-key"
            readOnly
            value={created.token}
            className="w-full rounded-md bg-white px-3 py-2 font-mono text-sm"
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="flex gap-2">
            <Button
              variant="secondary"
              onClick={() => void navigator.clipboard?.writeText(created.token).then(() => notify.success("Copied"))}
            >
              Copy
            </Button>
            <Button variant="ghost" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
        </div>
      ) : null}
      {keys.length > 0 ? (
        <ul className="mt-4 divide-y divide-slate-100 text-sm" aria-label="Runtime keys">
          {keys.map((k) => (
            <li
              key={k.id}
              className={`flex flex-wrap items-center gap-x-4 gap-y-1 py-2 ${k.revokedAt ? "text-slate-500" : ""}`}
            >
              <span className="font-medium">{k.name}</span>
              <span className="font-mono text-xs">{k.tokenPrefix}…</span>
              <span className="text-xs text-slate-500">
                created <DateTime iso={k.createdAt} />, last used <DateTime iso={k.lastUsedAt} />
              </span>
              <span className="ml-auto">
                {k.revokedAt ? (
                  <span className="text-xs font-medium uppercase">Revoked</span>
                ) : (
                  <Button
                    variant="ghost"
                    className="text-red-700"
                    aria-label={`Revoke ${k.name}`}
                    pending={revoke.isPending && revoke.variables?.keyId === k.id}
                    onClick={() => revoke.mutate({ instanceId, keyId: k.id })}
                  >
                    Revoke
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-sm text-slate-500">No runtime keys yet.</p>
      )}
      <form onSubmit={onSubmit} className="mt-4 flex items-end gap-3" noValidate>
        <div className="flex-1">
          <TextField
            label="Key name"
            name="name"
            required
            placeholder="Nightly sync worker"
            error={create.fieldErrors.name}
          />
        </div>
        <Button type="submit" pending={create.isPending}>
          + Runtime key
        </Button>
      </form>
    </section>
  );
}
