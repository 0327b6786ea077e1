"use client";

import { Button } from "./button";
import { notify } from "./notify";

/** Copies a public value (a URL, a snippet) to the clipboard and says so. */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  return (
    <Button
      variant="secondary"
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(
          () => notify.success("Copied"),
          () => notify.error("The browser refused the clipboard; select the text and copy it"),
        );
      }}
    >
      {label}
    </Button>
  );
}
