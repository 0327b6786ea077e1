import "server-only";
import { headers } from "next/headers";
import { SURFACE_HEADER } from "@/lib/embedding/surface";

// Which surface a request is on, and which surfaces an entry point serves. The main app and the
// embedded screens have separate sessions; a session is only ever accepted on its own surface.

export type Surface = "app" | "embedded";
/** What an entry point serves: one surface, or both (instance actions the embedded wizard shares). */
export type SurfacePolicy = Surface | "any";

/**
 * The surface of the current request. The proxy sets the header on /embedded paths and strips it on
 * every other path (API routes included), so a client cannot choose its surface.
 */
export async function currentSurface(): Promise<Surface> {
  return (await headers()).get(SURFACE_HEADER) === "embedded" ? "embedded" : "app";
}

/** The surface a user's session belongs to: embedded users exist only inside the partner's iframe. */
export function surfaceOf(user: { embedded: boolean }): Surface {
  return user.embedded ? "embedded" : "app";
}

/** Whether an entry point serving `policy` accepts a user of this session. */
export function acceptsSession(policy: SurfacePolicy, user: { embedded: boolean }): boolean {
  return policy === "any" || policy === surfaceOf(user);
}
