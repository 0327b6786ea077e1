"use client";

import { Button } from "@/components/ui/button";
import { StatusPage } from "./status-page";

/** An unexpected error, as a person meets it: what happened, try again, or go back. The details are in the server log. */
export function ErrorPage({ digest, reset, standalone }: { digest?: string; reset: () => void; standalone?: boolean }) {
  return (
    <StatusPage
      code="Error"
      title="Something went wrong on our side"
      standalone={standalone}
      action={
        <Button variant="secondary" onClick={reset}>
          Try again
        </Button>
      }
    >
      <p>It has been logged{digest ? ` (reference ${digest})` : ""}. Try again, or go back and start over.</p>
    </StatusPage>
  );
}
