import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import type { NavItem } from "@/components/shell/nav-links";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";

const roleLabels = { admin: "Admin", builder: "Builder", viewer: "Viewer", customer: "Customer user" } as const;

const teamNav: NavItem[] = [
  { href: "/", label: "Dashboard", icon: "dashboard" },
  { href: "/integrations", label: "Integrations", icon: "integrations" },
  { href: "/customers", label: "Customers", icon: "customers" },
  { href: "/credentials", label: "Credentials", icon: "credentials" },
  { href: "/components", label: "Components", icon: "components" },
  { href: "/settings", label: "Settings", icon: "settings" },
];

// Customer users see only their own customer's things.
const customerNav: NavItem[] = [
  { href: "/", label: "Overview", icon: "dashboard" },
  { href: "/integrations", label: "Integrations", icon: "integrations" },
  { href: "/credentials", label: "Credentials", icon: "credentials" },
];

// Every page in this group needs a session; the layout also draws the shell.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  // An embedded session belongs inside the partner's iframe, never in the main app's shell.
  if (user.embedded) redirect("/embedded");
  const organizationName =
    user.role === "customer" && user.customerName
      ? `${user.customerName} · ${user.organizationName}`
      : user.organizationName;
  return (
    <AppShell
      items={user.role === "customer" ? customerNav : teamNav}
      organizationName={organizationName}
      userName={user.name}
      userEmail={user.email}
      roleLabel={roleLabels[user.role]}
    >
      {children}
    </AppShell>
  );
}
