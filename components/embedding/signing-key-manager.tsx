"use client";

import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { AddSigningKeyForm } from "./add-signing-key-form";
import { DeleteSigningKeyDialog } from "./delete-signing-key-dialog";
import { SigningKeyTable } from "./signing-key-table";
import type { SigningKey } from "./signing-key-types";

/** Settings → Embedding: the public keys that verify partners' JWTs; several at once, so that a partner can rotate. */
export function SigningKeyManager({ keys, canManage }: { keys: SigningKey[]; canManage: boolean }) {
  const [deleting, setDeleting] = useState<SigningKey | null>(null);

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
        <SigningKeyTable keys={keys} canManage={canManage} onDelete={setDeleting} />
      )}
      {canManage ? <AddSigningKeyForm /> : null}
      <DeleteSigningKeyDialog deleting={deleting} onClose={() => setDeleting(null)} />
    </section>
  );
}
