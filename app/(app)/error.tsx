"use client";

import { ErrorPage } from "@/components/shell/error-page";

// An error while rendering an app page: shown in the shell, with Try again and a way back.
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPage digest={error.digest} reset={reset} />;
}
