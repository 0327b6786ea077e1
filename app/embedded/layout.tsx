import type { Metadata } from "next";
import type { CSSProperties, ReactNode } from "react";
import { getDb } from "@/db/client";
import { EmbeddedBridge } from "@/components/embedded/embedded-bridge";
import { EmbeddedNav } from "@/components/embedded/embedded-nav";
import { getCurrentUser } from "@/lib/auth/session";
import { readEmbeddedSession } from "@/lib/embedding/session";
import { themeVariables } from "@/lib/embedding/theme";
import { getOrganization } from "@/lib/organizations/queries";

export const metadata: Metadata = { title: { default: "Integrations", template: "%s" }, referrer: "no-referrer" };

// The embedded screens: no app shell, the partner's theme, and the postMessage bridge to the parent.
// Each page checks the embedded session itself (layouts and pages render side by side).
export default async function EmbeddedLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  const embedded = user?.embedded && user.customerId ? user : null;
  const [session, origins] = embedded
    ? await Promise.all([
        readEmbeddedSession(),
        getOrganization(await getDb(), embedded.organizationId).then((o) => o.allowedFrameOrigins),
      ])
    : [null, []];
  return (
    <div
      style={themeVariables(session?.th) as CSSProperties}
      className="min-h-screen bg-[var(--embedded-background,var(--color-slate-50))]"
    >
      <EmbeddedBridge allowedOrigins={origins}>
        {embedded ? <EmbeddedNav customerName={embedded.customerName ?? ""} /> : null}
        <main id="main" className="mx-auto max-w-4xl px-4 py-5 sm:px-6">
          {children}
        </main>
      </EmbeddedBridge>
    </div>
  );
}
