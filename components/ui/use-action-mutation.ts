"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { notify } from "./notify";

/**
 * Runs a server action through React Query: field errors for the form, a toast for the outcome,
 * and a refresh of the server-rendered page on success. An error that belongs to a field is shown
 * at the field (scrolled to and focused) and not repeated in a toast; one no field shows is toasted.
 */
export function useActionMutation<I, T>(
  run: (input: I) => Promise<ActionResult<T>>,
  options: { success?: string | ((data: T) => string); onSuccess?: (data: T) => void } = {},
) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // The message of an error given at fields, until the form has drawn them.
  const unplaced = useRef<string | null>(null);
  const mutation = useMutation({
    mutationFn: async (input: I) => {
      const result = await run(input);
      if (!result.ok) {
        const fields = result.fieldErrors ?? {};
        setFieldErrors(fields);
        if (Object.keys(fields).length > 0) unplaced.current = result.error;
        throw new FieldAwareError(result.error, Object.keys(fields).length > 0);
      }
      return result.data;
    },
    onMutate: () => setFieldErrors({}),
    onSuccess: (data) => {
      const message = typeof options.success === "function" ? options.success(data) : options.success;
      if (message) notify.success(message);
      options.onSuccess?.(data);
      router.refresh();
    },
    onError: (error) => {
      if (!(error instanceof FieldAwareError && error.atFields)) notify.error(error.message);
    },
  });
  // After the form has drawn its field errors: go to the first one, or toast when no field shows it.
  useEffect(() => {
    const message = unplaced.current;
    if (message === null) return;
    unplaced.current = null;
    const first =
      document.querySelector<HTMLElement>('dialog[open] [aria-invalid="true"]') ??
      document.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (first) {
      first.scrollIntoView({ block: "center" });
      first.focus({ preventScroll: true });
    } else notify.error(message);
  }, [fieldErrors]);
  return { ...mutation, fieldErrors, resetFieldErrors: () => setFieldErrors({}) };
}

class FieldAwareError extends Error {
  constructor(
    message: string,
    readonly atFields: boolean,
  ) {
    super(message);
  }
}
