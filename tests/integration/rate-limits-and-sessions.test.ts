import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Low limits for this file (lib/env.ts reads them once, at import).
vi.hoisted(() => {
  process.env.LATCHKEY_API_KEY_FAILURES_PER_ADDRESS = "4";
  process.env.LATCHKEY_API_KEY_FAILURES_PER_KEY = "3";
  process.env.LATCHKEY_RUNTIME_RATE_LIMIT_PER_MINUTE = "5";
});

import type { JWT } from "next-auth/jwt";
import { getDb, type Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { apiRoute } from "@/lib/api/route";
import { createApiKey } from "@/lib/api-keys/service";
import { organizationSpecs } from "@/lib/api/specs/organization";
import { z } from "zod";
import { authOptions } from "@/lib/auth/options";
import { MAX_FAILURES_PER_ADDRESS } from "@/lib/auth/rate-limit";
import { addUser, addUserSchema, removeUser } from "@/lib/users/service";

// Rate limits of API keys (failed attempts per address and per key prefix, runtime requests per
// key) through apiRoute, and server-side sessions behind next-auth's JWT, against the real database.

let db: Db;
let orgId: string;
// A key-authenticated spec without params or body, answering {ok: true}; the runtime one adds its permission.
const okSpec = { ...organizationSpecs.get, response: z.object({ ok: z.literal(true) }) };
const anyRoute = apiRoute(okSpec, async () => ({ ok: true as const }));
const runtimeRoute = apiRoute({ ...okSpec, permission: "runtime:read" }, async () => ({ ok: true as const }));
const address = () => `198.51.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;

async function call(route: typeof anyRoute, token: string, from: string) {
  const response = await route(
    new Request("http://localhost/api/v1/x", {
      headers: { authorization: `Bearer ${token}`, "x-forwarded-for": from },
    }),
  );
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    json: (await response.json()) as { error?: { code: string; message: string } },
  };
}
const wrongKey = (prefix = "lk_") => `${prefix}${randomUUID().replaceAll("-", "")}${randomUUID().replaceAll("-", "")}`;

beforeAll(async () => {
  db = await getDb();
  const [org] = await db
    .insert(organizations)
    .values({ name: "Limits Org", slug: `limits-${randomUUID()}` })
    .returning();
  orgId = org!.id;
});

describe("failed API key attempts", () => {
  it("refuse an address with 429 and Retry-After after its failures, even with a valid key, while other addresses go on", async () => {
    const { token } = await createApiKey(db, orgId, null, { name: "good", role: "builder" });
    const attacker = address();
    for (let i = 0; i < 4; i++) expect((await call(anyRoute, wrongKey(), attacker)).status).toBe(401);
    const refused = await call(anyRoute, wrongKey(), attacker);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.json.error).toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/Too many failed API key attempts/),
    });
    expect((await call(anyRoute, token, attacker)).status).toBe(429);
    expect((await call(anyRoute, token, address())).status).toBe(200);
  });

  it("count failures per key prefix across addresses, but never refuse the valid key of that prefix", async () => {
    const { token } = await createApiKey(db, orgId, null, { name: "prefixed", role: "builder" });
    const prefix = token.slice(0, 10);
    for (let i = 0; i < 3; i++) expect((await call(anyRoute, wrongKey(prefix), address())).status).toBe(401);
    const refused = await call(anyRoute, wrongKey(prefix), address());
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect((await call(anyRoute, token, address())).status).toBe(200);
  });
});

describe("runtime API", () => {
  it("limits each key's runtime requests with 429 and Retry-After, one key not spending another's", async () => {
    const { token } = await createApiKey(db, orgId, null, { name: "busy", role: "builder" });
    const { token: other } = await createApiKey(db, orgId, null, { name: "calm", role: "builder" });
    const from = address();
    for (let i = 0; i < 5; i++) expect((await call(runtimeRoute, token, from)).status).toBe(200);
    const refused = await call(runtimeRoute, token, from);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused.json.error).toMatchObject({ code: "rate_limited" });
    expect((await call(runtimeRoute, other, from)).status).toBe(200);
    // The limit is the runtime API's: the key's other calls go on.
    expect((await call(anyRoute, token, from)).status).toBe(200);
  });
});

describe("server-side sessions", () => {
  const jwt = authOptions.callbacks!.jwt!;
  const signOut = authOptions.events!.signOut!;
  async function signedIn() {
    const user = await addUser(
      db,
      orgId,
      addUserSchema.parse({
        name: "Person",
        email: `s-${randomUUID()}@example.com`,
        password: "correct horse battery",
        role: "admin",
      }),
    );
    const token = await jwt({
      token: {} as JWT,
      user: { id: user!.id, email: user!.email, name: user!.name },
      account: null,
    });
    return { user: user!, token };
  }

  it("a token stops working once its session is signed out, and other sessions of the user go on", async () => {
    const { user, token } = await signedIn();
    const second = await jwt({
      token: {} as JWT,
      user: { id: user.id, email: user.email, name: user.name },
      account: null,
    });
    expect(token.sid).toEqual(expect.any(String));
    expect(await jwt({ token, account: null, user: undefined as never })).toMatchObject({ uid: user.id });
    await signOut({ token, session: undefined as never });
    await expect(jwt({ token, account: null, user: undefined as never })).rejects.toThrow("The session has ended");
    expect(await jwt({ token: second, account: null, user: undefined as never })).toMatchObject({ uid: user.id });
  });

  it("refuses tokens without a session, with another user's session, or of a removed user", async () => {
    const { user, token } = await signedIn();
    const { user: admin } = await signedIn();
    await expect(jwt({ token: { uid: user.id } as JWT, account: null, user: undefined as never })).rejects.toThrow(
      "The session has ended",
    );
    await expect(jwt({ token: { ...token, uid: admin.id }, account: null, user: undefined as never })).rejects.toThrow(
      "The session has ended",
    );
    await removeUser(db, orgId, admin.id, user.id);
    await expect(jwt({ token, account: null, user: undefined as never })).rejects.toThrow("The session has ended");
  });
});

describe("sign-in addresses", () => {
  type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
  const provider = authOptions.providers[0] as unknown as { options: { authorize: Authorize } };
  const authorize = (email: string, password: string, forwardedFor: string) =>
    provider.options.authorize({ email, password }, { headers: { "x-forwarded-for": forwardedFor } });

  it("counts the hop that reached us, not a left-most X-Forwarded-For entry the client wrote", async () => {
    const real = address();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await expect(
        authorize(`spray-${i}-${randomUUID()}@example.com`, "nope", `203.0.113.${i}, ${real}`),
      ).rejects.toThrow("Wrong e-mail or password.");
    }
    await expect(authorize(`next-${randomUUID()}@example.com`, "nope", `192.0.2.1, ${real}`)).rejects.toThrow(
      /Too many failed sign-ins from your network/,
    );
    await expect(authorize(`next-${randomUUID()}@example.com`, "nope", address())).rejects.toThrow(
      "Wrong e-mail or password.",
    );
  });
});
