"use client";

import { useState } from "react";
import { changeRoleAction, removeUserAction } from "@/app/(app)/settings/team/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import { AddUserDialog } from "./add-user-dialog";

type Member = {
  id: string;
  name: string;
  email: string;
  role: "admin" | "builder" | "viewer" | "customer";
  customerName: string | null;
};
type Props = {
  currentUserId: string;
  canManage: boolean;
  customers: { id: string; name: string }[];
  members: Member[];
};

/** Settings → Team: the members table, with role changes and removal for admins. */
export function TeamManager({ currentUserId, canManage, customers, members }: Props) {
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const changeRole = useActionMutation(changeRoleAction, { success: "Role changed" });
  const remove = useActionMutation(removeUserAction, { success: "User removed", onSuccess: () => setRemoving(null) });

  return (
    <section aria-labelledby="team-heading">
      <div className="mb-4 flex items-center justify-between">
        <h2 id="team-heading" className="text-base font-semibold">
          Team members and customer users
        </h2>
        {canManage ? <Button onClick={() => setAdding(true)}>+ Add user</Button> : null}
      </div>
      {!canManage ? <p className="mb-3 text-sm text-slate-600">Only admins can add, change or remove users.</p> : null}
      <div className="relative overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3">
                Name
              </th>
              <th scope="col" className="px-4 py-3">
                E-mail
              </th>
              <th scope="col" className="px-4 py-3">
                Role
              </th>
              <th scope="col" className="px-4 py-3">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.id}>
                <td className="px-4 py-3 font-medium text-slate-900">
                  {m.name}
                  {m.id === currentUserId ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}
                </td>
                <td className="px-4 py-3 text-slate-700">{m.email}</td>
                <td className="px-4 py-3">
                  {m.role === "customer" ? (
                    <span className="text-slate-700">Customer user · {m.customerName}</span>
                  ) : canManage && m.id !== currentUserId ? (
                    <select
                      aria-label={`Role of ${m.email}`}
                      className="rounded-md border-0 py-1 pl-2 pr-8 text-sm ring-1 ring-slate-300"
                      value={m.role}
                      disabled={changeRole.isPending}
                      onChange={(e) => changeRole.mutate({ userId: m.id, role: e.target.value as "admin" })}
                    >
                      <option value="admin">Admin</option>
                      <option value="builder">Builder</option>
                      <option value="viewer">Viewer</option>
                    </select>
                  ) : (
                    <span className="capitalize text-slate-700">{m.role}</span>
                  )}
                </td>
                <td className="px-4 py-3 text-right">
                  {canManage && m.id !== currentUserId ? (
                    <Button
                      variant="ghost"
                      className="text-red-700"
                      onClick={() => setRemoving(m)}
                      aria-label={`Remove ${m.email}`}
                    >
                      Remove
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canManage ? <AddUserDialog open={adding} onClose={() => setAdding(false)} customers={customers} /> : null}
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title="Remove user?"
        description={
          removing ? `${removing.email} will no longer be able to sign in. Their sessions end at once.` : undefined
        }
      >
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={() => setRemoving(null)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            pending={remove.isPending}
            onClick={() => removing && remove.mutate({ userId: removing.id })}
          >
            Remove user
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
