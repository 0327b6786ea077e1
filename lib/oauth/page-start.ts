import "server-only";
import { log } from "@/lib/log";
import { z } from "zod";
import type { Db } from "@/db/client";
import { openAuthorizationLink, type LinkProblem } from "@/lib/authorization-links/service";
import type { UserRole } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { scopeOf } from "@/lib/tenancy";
import { startAuthorization } from "./authorize";
import { startOriginProblem } from "./start-origin";
import { redeemStartToken, type StartTokenProblem } from "./start-tokens";

// CONNECT from a browser. Two doors, and only these two start anything:
//   - a POST from one of Latchkey's own pages (the CONNECT form of the instance, credential and
//     authorization-link screens), its Origin checked (start-origin.ts);
//   - a GET carrying a start token the API handed out (start-tokens.ts).
// Every other request (a GET with an instance or credential id, a form posted from another site)
// creates nothing: no state, no log entry, no credential.

const connectionKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/)
  .max(64);
export const pageStartForm = z.union([
  z.object({ link: z.string().min(1).max(4096) }),
  z.object({ instanceId: z.uuid(), connection: connectionKey }),
  z.object({ credentialId: z.uuid() }),
]);

type Who = { id: string; role: UserRole; organizationId: string; customerId?: string | null };

export type PageStart =
  | { kind: "provider"; url: string }
  | { kind: "sign-in"; back: string }
  | { kind: "refused"; status: 400 | 403 | 410; message: string };

const linkProblems: Record<LinkProblem, string> = {
  invalid: "This authorization link is not valid. Ask whoever sent it for a new one.",
  expired: "This authorization link has expired. Ask whoever sent it for a new one.",
  used: "This authorization link has already been used.",
  revoked: "This authorization link was withdrawn by whoever sent it. Ask them for a new one.",
};

const startProblems: Record<StartTokenProblem, string> = {
  invalid: "This CONNECT link is not valid or has expired. Ask for a new one.",
  used: "This CONNECT link has already been used. Ask for a new one.",
};

/**
 * A POST of a CONNECT form. The origin is checked before the body is read; `currentUser` is asked
 * only when the form is not an authorization link's.
 */
export async function startFromPage(
  db: Db,
  headers: Headers,
  readForm: () => Promise<{ entries(): Iterable<[string, unknown]> }>,
  currentUser: () => Promise<Who | null>,
): Promise<PageStart> {
  if (startOriginProblem(headers, env.baseUrl)) {
    log.warn("CONNECT refused: the form was not posted from a Latchkey page");
    return {
      kind: "refused",
      status: 403,
      message:
        "CONNECT starts only from Latchkey's own pages. Open the connection in Latchkey and press CONNECT there.",
    };
  }
  const form = await readForm();
  const parsed = pageStartForm.safeParse(
    Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string")),
  );
  if (!parsed.success)
    return { kind: "refused", status: 400, message: "This CONNECT names no credential or instance connection." };
  const input = parsed.data;
  if ("link" in input) {
    const opened = await openAuthorizationLink(db, input.link);
    if (!opened.ok) {
      log.warn(`authorization link refused: ${opened.problem}`);
      return {
        kind: "refused",
        status: opened.problem === "invalid" ? 400 : 410,
        message: linkProblems[opened.problem],
      };
    }
    const { link } = opened;
    const target =
      link.instanceId && link.connectionKey
        ? { instanceId: link.instanceId, configVarKey: link.connectionKey }
        : { credentialId: link.credentialId };
    // The state is bound to the link, not a user: whoever holds the link needs no account.
    const started = await startAuthorization(db, { organizationId: link.organizationId }, target, { linkId: link.id });
    return { kind: "provider", url: started.url };
  }
  const screen =
    "instanceId" in input ? `/instances/${input.instanceId}` : `/credentials/${input.credentialId}?tab=authorization`;
  const user = await currentUser();
  if (!user) return { kind: "sign-in", back: screen };
  const target =
    "instanceId" in input
      ? { instanceId: input.instanceId, configVarKey: input.connection }
      : { credentialId: input.credentialId };
  if (!can(user.role, "instanceId" in target ? "instances:write" : "credentials:write"))
    return { kind: "refused", status: 403, message: "Your role may not connect this." };
  const started = await startAuthorization(db, scopeOf(user), target, { userId: user.id });
  return { kind: "provider", url: started.url };
}

/** A GET: only an API start token starts; anything else says where CONNECT lives and starts nothing. */
export async function startFromNavigation(
  db: Db,
  params: URLSearchParams,
): Promise<PageStart | { kind: "screen"; href: string }> {
  const start = params.get("start");
  if (start !== null) {
    const redeemed = await redeemStartToken(db, start);
    if (!redeemed.ok)
      return {
        kind: "refused",
        status: redeemed.problem === "used" ? 410 : 400,
        message: startProblems[redeemed.problem],
      };
    return { kind: "provider", url: redeemed.url };
  }
  // An e-mailed link's page has the CONNECT button; the old form of its URL goes there.
  const link = params.get("link");
  if (link !== null && link.length > 0 && link.length <= 4096)
    return { kind: "screen", href: `/authorize/${encodeURIComponent(link)}` };
  const instanceId = z.uuid().safeParse(params.get("instanceId"));
  if (instanceId.success) return { kind: "screen", href: `/instances/${instanceId.data}` };
  const credentialId = z.uuid().safeParse(params.get("credentialId"));
  if (credentialId.success) return { kind: "screen", href: `/credentials/${credentialId.data}?tab=authorization` };
  return {
    kind: "refused",
    status: 400,
    message: "This CONNECT link is not valid: it names no credential or instance connection.",
  };
}
