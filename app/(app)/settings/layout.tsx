import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { SettingsTabs } from "@/components/shell/settings-tabs";
import { can } from "@/lib/auth/permissions";
import { requireTeamMember } from "@/lib/auth/session";

// Settings: one tab per area; each page checks its own permission.
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requireTeamMember();
  return (
    <>
      <PageHeader title="Settings" />
      <SettingsTabs
        tabs={[
          { href: "/settings/team", label: "Team" },
          { href: "/settings/credentials", label: "Credentials" },
          { href: "/settings/api-keys", label: "API keys" },
          { href: "/settings/embedding", label: "Embedding" },
          { href: "/settings/webhooks", label: "Webhooks" },
          { href: "/settings/outbox", label: "Outbox" },
          // The audit trail is for administrators only; the page checks again.
          ...(can(user.role, "audit:read") ? [{ href: "/settings/audit", label: "Audit" }] : []),
        ]}
      />
      <div className="mt-6">{children}</div>
    </>
  );
}
