import "server-only";
import { audited } from "@/lib/audit/record";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";

const organizationColumns = {
  id: organizations.id,
  name: organizations.name,
  slug: organizations.slug,
  allowedRedirectOrigins: organizations.allowedRedirectOrigins,
  allowedFrameOrigins: organizations.allowedFrameOrigins,
};

/** The organization with this id. */
export async function getOrganization(db: Db, organizationId: string) {
  const [row] = await db
    .select(organizationColumns)
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  if (!row) throw new NotFoundError("No such organization");
  return row;
}

/** Changes an organization's name and settings. */
export async function updateOrganization(
  db: Db,
  organizationId: string,
  patch: { name?: string; allowedRedirectOrigins?: string[]; allowedFrameOrigins?: string[] },
) {
  return audited(
    db,
    (row) => ({
      organizationId,
      action: "organization.updated",
      target: { type: "organization", id: organizationId, name: row.name },
      fields: Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined),
    }),
    async (tx: Db) => {
      const [row] = await tx
        .update(organizations)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(organizations.id, organizationId))
        .returning(organizationColumns);
      if (!row) throw new NotFoundError("No such organization");
      return row;
    },
  );
}
