import type { Metadata } from "next";
import { StatusPage } from "@/components/shell/status-page";

export const metadata: Metadata = { title: "Page not found" };

// What an unknown address shows (404): Latchkey's own page, with a way back.
export default function NotFound() {
  return (
    <StatusPage code="404" title="This page does not exist" standalone>
      The address may be mistyped, or what it showed has been deleted.
    </StatusPage>
  );
}
