"use client";

import { useState, type FormEvent } from "react";
import { addUserAction } from "@/app/(app)/settings/team/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { useActionMutation } from "@/components/ui/use-action-mutation";

type Props = { open: boolean; onClose: () => void; customers: { id: string; name: string }[] };

/** The form that adds a team member or a customer user with an initial password. */
export function AddUserDialog({ open, onClose, customers }: Props) {
  const [role, setRole] = useState("builder");
  const add = useActionMutation(addUserAction, { success: (d) => `Added ${d.email}`, onSuccess: onClose });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    add.mutate({
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      role: String(form.get("role") ?? "") as "admin",
      customerId: String(form.get("customerId") ?? ""),
      password: String(form.get("password") ?? ""),
    });
  }

  const e = add.fieldErrors;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Add a user"
      description="They sign in with this e-mail and the password you set; share it with them securely."
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <TextField label="Name" name="name" required error={e.name} autoComplete="off" />
        <TextField label="E-mail" name="email" type="email" required error={e.email} autoComplete="off" />
        <SelectField label="Role" name="role" value={role} onChange={(ev) => setRole(ev.target.value)} error={e.role}>
          <option value="admin">Admin: everything, including team and API keys</option>
          <option value="builder">Builder: designs integrations and manages customers</option>
          <option value="viewer">Viewer: reads everything, changes nothing</option>
          <option value="customer">Customer user: one customer&apos;s own connections</option>
        </SelectField>
        {role === "customer" ? (
          <SelectField
            label="Customer"
            name="customerId"
            error={e.customerId}
            defaultValue=""
            hint={customers.length === 0 ? "Add a customer first." : undefined}
          >
            <option value="" disabled>
              Choose a customer
            </option>
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          label="Initial password"
          name="password"
          type="password"
          required
          minLength={12}
          error={e.password}
          hint="At least 12 characters."
          autoComplete="new-password"
        />
        <div className="flex justify-end gap-3 pt-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" pending={add.isPending}>
            Add user
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
