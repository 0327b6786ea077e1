"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createConnectionTypeAction, discoverConnectionTypeAction } from "@/app/(app)/components/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import type { ConnectionTypeInput } from "@/lib/connection-types/definition";

// "+ Connection type → from an issuer URL": the server reads the issuer's OAuth metadata and answers
// a draft; the integrator reviews it (endpoints, PKCE, client authentication), names it and saves.

/** The issuer form, then the draft to review and save. */
export function DiscoverForm() {
  const router = useRouter();
  const [draft, setDraft] = useState<ConnectionTypeInput | null>(null);
  const discover = useActionMutation(discoverConnectionTypeAction, {
    success: (d) => `Read ${d.metadata.url}`,
    onSuccess: (d) => setDraft(d.draft),
  });
  const save = useActionMutation(createConnectionTypeAction, {
    success: (d) => `Added ${d.label}`,
    onSuccess: (d) => router.push(`/components/${d.key}`),
  });

  function onDiscover(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    discover.mutate({ issuer: String(new FormData(event.currentTarget).get("issuer") ?? "") });
  }

  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft) return;
    const form = new FormData(event.currentTarget);
    save.mutate({ ...draft, key: String(form.get("key") ?? ""), label: String(form.get("label") ?? "") });
  }

  const endpoints = draft?.fields.filter((f) => f.default && f.type === "url") ?? [];
  return (
    <section
      aria-labelledby="discover-heading"
      className="mb-8 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="discover-heading" className="mb-1 text-base font-semibold text-slate-900">
        From an issuer URL
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Latchkey reads the provider&apos;s OAuth metadata (RFC 8414 or OpenID Connect discovery) and drafts the type.
      </p>
      <form onSubmit={onDiscover} className="flex items-end gap-2" aria-label="Discover from an issuer URL">
        <div className="w-full max-w-lg">
          <TextField
            label="Issuer URL"
            name="issuer"
            placeholder="https://login.example.com"
            error={discover.fieldErrors.issuer}
          />
        </div>
        <Button type="submit" disabled={discover.isPending}>
          Read metadata
        </Button>
      </form>
      {draft ? (
        <form onSubmit={onSave} className="mt-5 space-y-3" aria-label="Review the discovered type">
          <dl className="text-sm">
            {endpoints.map((f) => (
              <div key={f.key} className="grid gap-1 py-1 sm:grid-cols-[12rem_minmax(0,1fr)]">
                <dt className="text-slate-500">{f.label}</dt>
                <dd className="break-all font-mono text-xs text-slate-800">{f.default}</dd>
              </div>
            ))}
            <div className="grid gap-1 py-1 sm:grid-cols-[12rem_minmax(0,1fr)]">
              <dt className="text-slate-500">Client authentication</dt>
              <dd className="text-slate-800">
                {draft.oauth?.tokenAuthMethod} · PKCE {draft.oauth?.pkce ? "on" : "off"}
              </dd>
            </div>
          </dl>
          <TextField label="Name" name="label" defaultValue={draft.label} error={save.fieldErrors.label} />
          <TextField label="Key" name="key" defaultValue={draft.key} error={save.fieldErrors.key} />
          <Button type="submit" disabled={save.isPending}>
            Save discovered type
          </Button>
        </form>
      ) : null}
    </section>
  );
}
