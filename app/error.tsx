"use client";

import { ErrorPage } from "@/components/shell/error-page";

// An error outside the app's shell (sign-in, an e-mailed link's page): Latchkey's page, not Next's.
export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPage digest={error.digest} reset={reset} standalone />;
}
