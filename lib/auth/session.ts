import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { findSessionUser } from "@/lib/users/queries";
import { embeddedUserOf, readEmbeddedSession } from "@/lib/embedding/session";
import { authOptions } from "./options";
import { can, type Permission } from "./permissions";
import { currentSurface } from "./surface";

export type CurrentUser = NonNullable<Awaited<ReturnType<typeof findSessionUser>>>;

/**
 * The signed-in user of this request's surface, re-read from the database once per request; null
 * without a valid session. A session counts on its own surface only: /embedded (pages and the
 * actions posted from them) reads the embedded session and nothing else, everywhere else reads
 * next-auth's session and refuses an embedded user, so an embedded cookie never reaches the main app
 * and a main-app cookie the browser also sends never mixes identities in the iframe.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const db = await getDb();
  if ((await currentSurface()) === "embedded") {
    const embedded = await readEmbeddedSession();
    return embedded ? await embeddedUserOf(db, embedded) : null;
  }
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  const user = id ? await findSessionUser(db, id) : undefined;
  return user && !user.embedded ? user : null;
});

/** The signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** The signed-in user if they hold the permission; otherwise the 403 page (pages only: app/forbidden.tsx). */
export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) forbidden();
  return user;
}

/** A member of the organization's team (not a customer user); customer users go to their overview. */
export async function requireTeamMember(): Promise<CurrentUser & { role: "admin" | "builder" | "viewer" }> {
  const user = await requireUser();
  if (user.role === "customer") redirect("/");
  return user as CurrentUser & { role: "admin" | "builder" | "viewer" };
}

/** The embedded user of an /embedded page (always bound to one customer), or the page that says the session ended. */
export async function requireEmbeddedUser(): Promise<CurrentUser & { customerId: string }> {
  const user = await getCurrentUser();
  if (!user?.embedded || !user.customerId) redirect("/embedded/session-ended");
  return user as CurrentUser & { customerId: string };
}
