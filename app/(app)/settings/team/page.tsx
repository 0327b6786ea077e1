import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { TeamManager } from "@/components/team/team-manager";
import { can } from "@/lib/auth/permissions";
import { requireTeamMember } from "@/lib/auth/session";
import { listCustomerOptions } from "@/lib/customers/queries";
import { listUsers } from "@/lib/users/queries";

export const metadata: Metadata = { title: "Team" };

// GET /settings/team - team members and customer users; admins add, change and remove them
export default async function TeamPage() {
  const user = await requireTeamMember();
  const db = await getDb();
  const [members, customers] = await Promise.all([
    listUsers(db, user.organizationId),
    listCustomerOptions(db, user.organizationId),
  ]);
  return (
    <TeamManager
      currentUserId={user.id}
      canManage={can(user.role, "team:manage")}
      customers={customers}
      members={members.map((m) => ({
        id: m.id,
        name: m.name,
        email: m.email,
        role: m.role,
        customerName: m.customerName ?? null,
      }))}
    />
  );
}
