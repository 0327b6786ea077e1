"use client";

import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
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
  const columns: DataTableColumn<SigningKey>[] = [
    { header: "Label", className: "font-medium", cell: (k) => k.label },
    { header: "Algorithm", className: "font-mono text-xs", cell: (k) => k.algorithm },
    {
      header: "Key id (kid) and fingerprint",
      className: "max-w-md font-mono text-xs break-all",
      cell: (k) => (
        <>
          <span className="block">{k.keyId}</span>
          <span className="block text-slate-500">{k.fingerprint}</span>
        </>
      ),
    },
    { header: "Added", cell: (k) => <DateTime iso={k.createdAt} /> },
    {
      header: "Actions",
      hideHeader: true,
      className: "text-right",
      cell: (k) =>
        canManage ? (
          <Button variant="ghost" className="text-red-700" onClick={() => onDelete(k)} aria-label={`Delete ${k.label}`}>
            Delete
          </Button>
        ) : null,
    },
  ];
  return <DataTable label="Signing keys" columns={columns} rows={keys} rowKey={(k) => k.id} />;
}
