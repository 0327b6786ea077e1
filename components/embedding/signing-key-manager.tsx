"use client";

import { useRef, useState, type FormEvent } from "react";
import { addSigningKeyAction, deleteSigningKeyAction } from "@/app/(app)/settings/embedding/actions";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { TextAreaField, TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";

type Key = { id: string; label: string; algorithm: string; keyId: string; fingerprint: string; createdAt: string };

/** Settings → Embedding: the public keys that verify partners' JWTs; several at once, so that a partner can rotate. */
export function SigningKeyManager({ keys, canManage }: { keys: Key[]; canManage: boolean }) {
  const form = useRef<HTMLFormElement>(null);
  const [deleting, setDeleting] = useState<Key | null>(null);
  const add = useActionMutation(addSigningKeyAction, {
    success: (k) => `Added ${k.label} (${k.algorithm})`,
    onSuccess: () => form.current?.reset(),
  });
  const remove = useActionMutation(deleteSigningKeyAction, {
    success: "Signing key deleted",
    onSuccess: () => setDeleting(null),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    add.mutate({ label: String(data.get("label") ?? ""), publicKeyPem: String(data.get("publicKeyPem") ?? "") });
  }

  return (
    <section aria-labelledby="signing-keys-heading" className="space-y-4">
      <div>
        <h2 id="signing-keys-heading" className="text-base font-semibold">
          Signing keys
        </h2>
        <p className="text-sm text-slate-600">
          The partner&apos;s server signs each embedded sign-in with its private key (RS256 or ES256); Latchkey keeps
          the public half. To rotate, add the new key, switch signing over, then delete the old one.
        </p>
      </div>
      {keys.length === 0 ? (
        <EmptyState title="No signing keys yet">
          {canManage
            ? "Paste the partner's PEM public key below; embedded sign-ins are refused until one is registered."
            : "An admin registers the partner's public key here."}
        </EmptyState>
      ) : (
        <div className="relative overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Signing keys">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Label
                </th>
                <th scope="col" className="px-4 py-3">
                  Algorithm
                </th>
                <th scope="col" className="px-4 py-3">
                  Key id (kid) and fingerprint
                </th>
                <th scope="col" className="px-4 py-3">
                  Added
                </th>
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((k) => (
                <tr key={k.id}>
                  <td className="px-4 py-3 font-medium">{k.label}</td>
                  <td className="px-4 py-3 font-mono text-xs">{k.algorithm}</td>
                  <td className="max-w-md px-4 py-3 font-mono text-xs break-all">
                    <span className="block">{k.keyId}</span>
                    <span className="block text-slate-500">{k.fingerprint}</span>
                  </td>
                  <td className="px-4 py-3">
                    <DateTime iso={k.createdAt} />
                  </td>
                  <td className="px-4 py-3 text-right">
                    {canManage ? (
                      <Button
                        variant="ghost"
                        className="text-red-700"
                        onClick={() => setDeleting(k)}
                        aria-label={`Delete ${k.label}`}
                      >
                        Delete
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage ? (
        <form
          ref={form}
          onSubmit={onSubmit}
          className="space-y-4 rounded-lg bg-white p-4 ring-1 ring-slate-200"
          aria-labelledby="add-key-heading"
          noValidate
        >
          <h3 id="add-key-heading" className="text-sm font-semibold text-slate-900">
            Add a public key
          </h3>
          <TextField
            label="Label"
            name="label"
            required
            maxLength={100}
            placeholder="Acme production 2026"
            error={add.fieldErrors.label}
          />
          <TextAreaField
            label="Public key (PEM)"
            name="publicKeyPem"
            required
            rows={7}
            placeholder={"-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----"}
            hint="An RSA key of 2048 bits or more (RS256) or an EC P-256 key (ES256). Never the private key."
            error={add.fieldErrors.publicKeyPem}
          />
          <div className="flex justify-end">
            <Button type="submit" pending={add.isPending}>
              Add key
            </Button>
          </div>
        </form>
      ) : null}
      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete signing key?"
        description={
          deleting
            ? `Tokens signed with “${deleting.label}” are refused from now on. Sessions already open stay open until they expire.`
            : undefined
        }
      >
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={() => setDeleting(null)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            pending={remove.isPending}
            onClick={() => deleting && remove.mutate({ id: deleting.id })}
          >
            Delete key
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
