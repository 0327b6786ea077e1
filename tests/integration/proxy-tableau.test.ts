import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { connectionLogs } from "@/db/schema";
import { getInstance } from "@/lib/instances/service";
import { makeOrg, type Org } from "../support/oauth-fixtures";
import { callProxy, deployWith } from "../support/proxy-world";

// The built-in Tableau type through the proxy, against a local server that plays Tableau's REST
// API: POST /api/3.24/auth/signin trades the personal access token for a session token and the
// site's id; API calls carry the session as X-Tableau-Auth under /sites/{site id}/, and a session
// the server has dropped is answered 401.

const PAT = { name: "ci-token", secret: "pat-secret-0123456789" };
const SITE = { contentUrl: "acme", id: "9a8b7c6d-site-luid" };

let db: Db;
let org: Org;
let tableau: Server;
let tableauUrl = "";
/** Sessions the server accepts now. */
const live = new Set<string>();
const signIns: { name?: string; secret?: string; site?: string }[] = [];
/** While set, Tableau refuses every sign-in (a token revoked on Tableau's side). */
let revoked = false;
const calls: { url: string; session: string | undefined; headers: string }[] = [];
/** While set, refusals of a dropped session are held until this many have arrived: calls refused at once. */
let refusedTogether: { count: number; held: (() => void)[] } | null = null;

beforeAll(async () => {
  db = await getDb();
  org = await makeOrg(db);
  tableau = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const json = (status: number, answer: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(answer));
      };
      if (req.method === "POST" && req.url === "/api/3.24/auth/signin") {
        const c = (JSON.parse(body) as { credentials: Record<string, unknown> }).credentials;
        const asked = {
          name: c.personalAccessTokenName as string,
          secret: c.personalAccessTokenSecret as string,
          site: (c.site as { contentUrl: string }).contentUrl,
        };
        signIns.push(asked);
        if (revoked || asked.name !== PAT.name || asked.secret !== PAT.secret || asked.site !== SITE.contentUrl)
          return json(401, { error: { code: "401001", summary: "Signin Error" } });
        const token = `session-${signIns.length}`;
        live.add(token);
        return json(200, { credentials: { token, site: SITE, user: { id: "user-1" } } });
      }
      const session = req.headers["x-tableau-auth"] as string | undefined;
      calls.push({ url: req.url!, session, headers: JSON.stringify(req.headers) });
      if (!session || !live.has(session)) {
        const refuse = () => json(401, { error: { code: "401002", summary: "Unauthorized" } });
        if (!refusedTogether) return refuse();
        refusedTogether.held.push(refuse);
        if (refusedTogether.held.length >= refusedTogether.count) {
          for (const answer of refusedTogether.held) answer();
          refusedTogether = null;
        }
        return;
      }
      return json(200, { workbooks: { workbook: [{ id: "wb-1" }] } });
    });
  });
  await new Promise<void>((resolve) => tableau.listen(0, "127.0.0.1", resolve));
  tableauUrl = `http://127.0.0.1:${(tableau.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => tableau.close(() => resolve())));

const connected = (secret = PAT.secret) =>
  deployWith(db, org, "tableau", {
    host_name: tableauUrl,
    site_id: SITE.contentUrl,
    token_name: PAT.name,
    token: secret,
  });
const call = (instanceId: string) =>
  callProxy({ instanceId, apiKey: org.apiKey, path: "workbooks?pageSize=1" }).then(async (r) => ({
    status: r.status,
    retry: r.headers.get("latchkey-proxy-retry"),
    body: (await r.json()) as Record<string, unknown>,
  }));

describe("Tableau through the proxy", () => {
  it("signs in once with the personal access token; concurrent calls share the session under the site's id", async () => {
    const d = await connected();
    const since = { signIns: signIns.length, calls: calls.length };
    const answers = await Promise.all([call(d.instanceId), call(d.instanceId), call(d.instanceId)]);
    for (const a of answers) expect(a, JSON.stringify(a)).toMatchObject({ status: 200, retry: null });
    expect(signIns.slice(since.signIns)).toEqual([{ name: PAT.name, secret: PAT.secret, site: SITE.contentUrl }]);
    const mine = calls.slice(since.calls);
    expect(mine.map((c) => c.url)).toEqual(Array(3).fill(`/api/3.24/sites/${SITE.id}/workbooks?pageSize=1`));
    expect(new Set(mine.map((c) => c.session)).size).toBe(1);
    // The API calls carry the session only, never the token itself.
    for (const c of mine) expect(c.headers).not.toContain(PAT.secret);
  });

  it("a session the API has dropped: one new sign-in for the calls refused at once, each retried once", async () => {
    const d = await connected();
    expect((await call(d.instanceId)).status).toBe(200);
    live.clear();
    const since = signIns.length;
    // Both reach the API with the dropped session before either is answered.
    refusedTogether = { count: 2, held: [] };
    const answers = await Promise.all([call(d.instanceId), call(d.instanceId)]);
    for (const a of answers)
      expect(a, JSON.stringify(a)).toMatchObject({ status: 200, retry: expect.stringMatching(/retried once/) });
    expect(signIns.length - since).toBe(1);
  });

  it("a personal access token Tableau refuses: 409 that says what to check, no API call, no secret in it", async () => {
    const d = await connected("wrong-secret-000");
    const since = calls.length;
    const answer = await call(d.instanceId);
    expect(answer.status).toBe(409);
    const text = JSON.stringify(answer.body);
    expect(text).toMatch(/refused the personal access token/);
    expect(text).not.toContain("wrong-secret-000");
    expect(calls.length).toBe(since);
  });

  // What the screen shows of the connection, and its log rows as stored.
  const statusOf = async (instanceId: string) => {
    const connection = (await getInstance(db, org.scope, instanceId)).connections[0]!;
    const logs = await db
      .select()
      .from(connectionLogs)
      .where(eq(connectionLogs.credentialId, connection.credentialId!));
    return { status: connection.status, reason: connection.statusReason, logs };
  };

  it("a token Tableau refuses marks the connection red with the reason and logs it; a later 2xx marks it green", async () => {
    const d = await connected();
    expect((await call(d.instanceId)).status).toBe(200);
    expect((await statusOf(d.instanceId)).status).toBe("green");
    // Revoked on Tableau's side: the held session still works until the API drops it.
    revoked = true;
    live.clear();
    try {
      const refused = await call(d.instanceId);
      expect(refused.status).toBe(401);
      expect(refused.retry).toMatch(/not retried: Tableau refused the personal access token/);
      let seen = await statusOf(d.instanceId);
      expect(seen.status).toBe("red");
      expect(seen.reason).toMatch(/Tableau refused the personal access token/);
      // The first call of a new process (no session held) is refused at the sign-in: 409, red too.
      const fresh = await connected();
      expect((await call(fresh.instanceId)).status).toBe(409);
      seen = await statusOf(fresh.instanceId);
      expect(seen.status).toBe("red");
      expect(seen.reason).toMatch(/Tableau refused the personal access token/);
      const failed = seen.logs.filter((l) => l.event === "proxy failed");
      expect(failed.length).toBeGreaterThan(0);
      expect(JSON.stringify(seen.logs)).not.toContain(PAT.secret);
      expect(JSON.stringify(seen.logs)).not.toContain("pageSize");
    } finally {
      revoked = false;
    }
    // The token is good again (re-issued on Tableau's side): the next call signs in, and green.
    expect((await call(d.instanceId)).status).toBe(200);
    const after = await statusOf(d.instanceId);
    expect(after.status).toBe("green");
    expect(after.logs.map((l) => l.event)).toEqual(expect.arrayContaining(["proxied", "proxy failed"]));
  });
});
