"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createFirstAdminAction } from "@/app/(auth)/setup/[token]/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

/** Name, e-mail and password of the first administrator; on success, on to sign in. */
export function FirstAdminForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (key: string) => String(form.get(key) ?? "");
    setPending(true);
    const result = await createFirstAdminAction({
      token,
      name: value("name"),
      email: value("email"),
      password: value("password"),
      confirm: value("confirm"),
    });
    setPending(false);
    if (result.ok) {
      router.replace("/sign-in");
      return;
    }
    setError(result.error);
    setFields(result.fieldErrors ?? {});
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      {error ? (
        <div
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-700 ring-1 ring-red-200"
        >
          {error}
        </div>
      ) : null}
      <TextField label="Name" name="name" autoComplete="name" required error={fields.name} />
      <TextField label="E-mail" name="email" type="email" autoComplete="username" required error={fields.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters"
        error={fields.password}
      />
      <TextField
        label="Repeat the password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={fields.confirm}
      />
      <Button type="submit" className="w-full" pending={pending}>
        Create administrator
      </Button>
    </form>
  );
}
