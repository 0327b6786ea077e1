"use client";

import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import type { SigningKey } from "./signing-key-types";

/** The registered public keys, each with its key id and fingerprint; Delete for those who manage them. */
export function SigningKeyTable({
  keys,
  canManage,
  onDelete,
}: {
  keys: SigningKey[];
  canManage: boolean;
  onDelete: (key: SigningKey) => void;
}) {
  return (
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
                    onClick={() => onDelete(k)}
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
  );
}
