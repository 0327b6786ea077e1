"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/result";

/**
 * Runs a server action through React Query: field errors for the form, a toast for the outcome,
 * and a refresh of the server-rendered page on success.
 */
export function useActionMutation<I, T>(
  run: (input: I) => Promise<ActionResult<T>>,
  options: { success?: string | ((data: T) => string); onSuccess?: (data: T) => void } = {},
) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: async (input: I) => {
      const result = await run(input);
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        throw new Error(result.error);
      }
      return result.data;
    },
    onMutate: () => setFieldErrors({}),
    onSuccess: (data) => {
      const message = typeof options.success === "function" ? options.success(data) : options.success;
      if (message) toast.success(message);
      options.onSuccess?.(data);
      router.refresh();
    },
    onError: (error) => toast.error(error.message),
  });
  return { ...mutation, fieldErrors, resetFieldErrors: () => setFieldErrors({}) };
}
