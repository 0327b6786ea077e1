import type { Metadata } from "next";
import { StatusPage } from "@/components/shell/status-page";

export const metadata: Metadata = { title: "Not allowed" };

// What `forbidden()` renders, with status 403: a page the signed-in role may not see.
export default function Forbidden() {
  return (
    <StatusPage code="403" title="You may not see this page" backLabel="Back to the overview" standalone>
      Your role does not allow it. Ask an administrator of your organization if you need access.
    </StatusPage>
  );
}
