"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { deployInstanceAction } from "@/app/(app)/instances/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { carryOutcome } from "@/components/ui/notify";
import { useActionMutation } from "@/components/ui/use-action-mutation";

type Option = { id: string; name: string };

/**
 * Deploys an integration to a customer. From an integration page the customer is chosen, from a
 * customer page the integration; a customer user's own "Enable" passes both.
 */
export function DeployButton({
  integrationId,
  customerId,
  integrations,
  customers,
  label = "Deploy",
  defaultName,
}: {
  integrationId?: string;
  customerId?: string;
  integrations?: Option[];
  customers?: Option[];
  label?: string;
  defaultName?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const deploy = useActionMutation(deployInstanceAction, {
    success: (d) => `Deployed ${d.name} to ${d.customerName}`,
    onSuccess: (d) => {
      setOpen(false);
      carryOutcome();
      router.push(`/instances/${d.id}`);
    },
  });
  const direct = integrationId && (customerId || !customers);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    deploy.mutate({
      integrationId: integrationId ?? String(form.get("integrationId") ?? ""),
      customerId: customerId ?? (String(form.get("customerId") ?? "") || undefined),
      name: String(form.get("name") ?? "").trim() || undefined,
    });
  }
  if (direct) {
    return (
      <Button pending={deploy.isPending} onClick={() => deploy.mutate({ integrationId, customerId })}>
        {label}
      </Button>
    );
  }
  const empty = (integrations && integrations.length === 0) || (customers && customers.length === 0);
  return (
    <>
      <Button onClick={() => setOpen(true)}>{label}</Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Deploy an integration"
        description="The customer then fills in the configuration wizard of the new instance."
      >
        {empty ? (
          <p className="text-sm text-slate-600">
            {customers ? "Add a customer first." : "Design an integration first."}
          </p>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            {integrations ? (
              <SelectField label="Integration" name="integrationId" error={deploy.fieldErrors.integrationId}>
                {integrations.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </SelectField>
            ) : null}
            {customers ? (
              <SelectField label="Customer" name="customerId" error={deploy.fieldErrors.customerId}>
                {customers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </SelectField>
            ) : null}
            <TextField
              label="Instance name (optional)"
              name="name"
              placeholder={defaultName ?? "The integration's name"}
              error={deploy.fieldErrors.name}
              autoComplete="off"
            />
            <div className="flex justify-end gap-3 pt-2">
              <Button variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" pending={deploy.isPending}>
                Deploy
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
