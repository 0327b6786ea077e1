"use client";

import { useState } from "react";
import { revokeApiKeyAction } from "@/app/(app)/settings/api-keys/actions";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import { CreateApiKeyDialog } from "./create-api-key-dialog";

type Key = {
  id: string;
  name: string;
  role: string;
  tokenPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** Settings → API keys: the list, creation (shown once) and revocation. */
export function ApiKeyManager({ keys, canManage }: { keys: Key[]; canManage: boolean }) {
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<Key | null>(null);
  const revoke = useActionMutation(revokeApiKeyAction, {
    success: "API key revoked",
    onSuccess: () => setRevoking(null),
  });
  const createButton = canManage ? <Button onClick={() => setCreating(true)}>+ API key</Button> : null;

  return (
    <section aria-labelledby="api-keys-heading">
      <div className="mb-4 flex items-center justify-between">
        <div>
          <h2 id="api-keys-heading" className="text-base font-semibold">
            API keys
          </h2>
          <p className="text-sm text-slate-600">
            Programs call <code className="font-mono">/api/v1</code> with{" "}
            <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
          </p>
        </div>
        {keys.length > 0 ? createButton : null}
      </div>
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet" action={createButton}>
          Create a key for each program that calls the Latchkey API, so that you can revoke one without touching the
          others.
        </EmptyState>
      ) : (
        <div className="relative overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Name
                </th>
                <th scope="col" className="px-4 py-3">
                  Key
                </th>
                <th scope="col" className="px-4 py-3">
                  Role
                </th>
                <th scope="col" className="px-4 py-3">
                  Created
                </th>
                <th scope="col" className="px-4 py-3">
                  Last used
                </th>
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((k) => (
                <tr key={k.id} className={k.revokedAt ? "text-slate-500" : undefined}>
                  <td className="px-4 py-3 font-medium">{k.name}</td>
                  <td className="px-4 py-3 font-mono text-xs">{k.tokenPrefix}…</td>
                  <td className="px-4 py-3 capitalize">{k.role}</td>
                  <td className="px-4 py-3">
                    <DateTime iso={k.createdAt} />
                  </td>
                  <td className="px-4 py-3">
                    <DateTime iso={k.lastUsedAt} />
                  </td>
                  <td className="px-4 py-3 text-right">
                    {k.revokedAt ? (
                      <span className="text-xs font-medium uppercase">Revoked</span>
                    ) : canManage ? (
                      <Button
                        variant="ghost"
                        className="text-red-700"
                        onClick={() => setRevoking(k)}
                        aria-label={`Revoke ${k.name}`}
                      >
                        Revoke
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage ? <CreateApiKeyDialog open={creating} onClose={() => setCreating(false)} /> : null}
      <Dialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title="Revoke API key?"
        description={
          revoking
            ? `Programs using “${revoking.name}” get 401 from their next request. This cannot be undone.`
            : undefined
        }
      >
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={() => setRevoking(null)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            pending={revoke.isPending}
            onClick={() => revoking && revoke.mutate({ id: revoking.id })}
          >
            Revoke key
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
