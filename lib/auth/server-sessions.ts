import "server-only";
import { and, eq, gt, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userSessions } from "@/db/schema";

// next-auth keeps sessions in a signed cookie (JWT), which stays valid for anyone holding a copy
// until it expires. Each session therefore also has a row here, named by the `sid` claim and checked
// on every read: signing out deletes the row, removing the user deletes them all (foreign key), and
// a copied cookie then opens nothing. A session lasts at most `maxAgeSeconds` from sign-in.

/** Raised from the jwt callback for a session that no longer exists; next-auth then clears the cookie. */
export class SessionEndedError extends Error {
  constructor() {
    super("The session has ended");
    this.name = "SessionEndedError";
  }
}

/** Opens a session for a user who just signed in; returns its id for the token. */
export async function openServerSession(
  db: Db,
  userId: string,
  maxAgeSeconds: number,
  now = new Date(),
): Promise<string> {
  // The user's expired rows go here, where they are cheap to find, so no sweeper is needed.
  await db.delete(userSessions).where(and(eq(userSessions.userId, userId), lt(userSessions.expiresAt, now)));
  const [row] = await db
    .insert(userSessions)
    .values({ userId, expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000) })
    .returning({ id: userSessions.id });
  return row!.id;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the token's session is still open for that user (tokens from before sessions had ids are not). */
export async function isServerSessionLive(
  db: Db,
  token: { sid?: unknown; uid?: unknown },
  now = new Date(),
): Promise<boolean> {
  const { sid, uid } = token;
  if (typeof sid !== "string" || typeof uid !== "string" || !uuidPattern.test(sid) || !uuidPattern.test(uid))
    return false;
  const [row] = await db
    .select({ id: userSessions.id })
    .from(userSessions)
    .where(and(eq(userSessions.id, sid), eq(userSessions.userId, uid), gt(userSessions.expiresAt, now)));
  return row !== undefined;
}

/** Ends the token's session (sign-out). */
export async function endServerSession(db: Db, token: { sid?: unknown } | null | undefined): Promise<void> {
  const sid = token?.sid;
  if (typeof sid === "string" && uuidPattern.test(sid)) await db.delete(userSessions).where(eq(userSessions.id, sid));
}
