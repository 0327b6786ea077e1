"use client";

import { toast } from "sonner";
import { Button } from "./button";

/** Copies a public value (a URL, a snippet) to the clipboard and says so. */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  return (
    <Button
      variant="secondary"
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(
          () => toast.success("Copied"),
          () => toast.error("The browser refused the clipboard; select the text and copy it"),
        );
      }}
    >
      {label}
    </Button>
  );
}
