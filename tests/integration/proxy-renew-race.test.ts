import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { readCredentialTokens } from "@/lib/credentials/secrets";
import { getInstance } from "@/lib/instances/service";
import { renewAfterRefusal } from "@/lib/proxy/renew";
import { claimOne, type Claim } from "@/lib/refresh/claim";
import { refreshClaim } from "@/lib/refresh/refresh-claim";
import { refreshSettings } from "@/lib/refresh/settings";
import type { TokenRequestAnswer } from "@/lib/sandbox-provider";
import { startSandboxProvider, type SandboxProvider } from "@/lib/sandbox-provider";
import {
  CALLBACK,
  clients,
  connect,
  deployConnection,
  makeOrg,
  sandboxType,
  type Org,
} from "../support/oauth-fixtures";
import { callProxy, startUpstream, type Upstream } from "../support/proxy-world";

// The proxy's renewal across servers, with both sides driven by hand: "server A" is a claim taken
// here with claimOne and finished with refreshClaim when the test says so; "server B" is the proxy
// code of this process (renewAfterRefusal, or a whole proxied call). Each step waits on a row the
// other side wrote, never on time, so each interleaving happens in the order written, on PGlite and
// on PostgreSQL. The provider rotates refresh tokens: it is the judge of "presented once".

let db: Db;
let provider: SandboxProvider;
let upstream: Upstream;
let org: Org;
const presented: string[] = [];
let fault: ((form: URLSearchParams) => TokenRequestAnswer | undefined) | undefined;

beforeAll(async () => {
  db = await getDb();
  provider = await startSandboxProvider({
    accessTokenTtlSeconds: 3600,
    clients: [{ ...clients.basic, redirectUris: [CALLBACK] }],
    onTokenRequest: (form) => {
      if (form.get("grant_type") === "refresh_token") presented.push(form.get("refresh_token")!);
      return fault?.(form);
    },
  });
  upstream = await startUpstream();
  org = await makeOrg(db);
  await sandboxType(db, org, provider, { key: "px_race", proxy: { baseUrl: `${upstream.url}/api` } });
});

afterAll(async () => {
  await db.execute(
    sql`update credential_tokens set next_refresh_at = now() + interval '30 days' where organization_id = ${org.organizationId}`,
  );
  await upstream.close();
  await provider.close();
});

async function connected() {
  const d = await deployConnection(db, org, "px_race", clients.basic);
  await connect(db, provider, org.scope, { instanceId: d.instanceId, configVarKey: "files" }, { userId: org.userId });
  const credentialId = (await getInstance(db, org.scope, d.instanceId)).connections[0]!.credentialId!;
  const held = async () => (await readCredentialTokens(db, org.scope, credentialId))!;
  /** Server A takes the lease as a refused call of its own would (make due, claim), then puts the clock's due time back. */
  const serverAClaims = async (): Promise<Claim> => {
    await db.execute(
      sql`update credential_tokens set next_refresh_at = now() - interval '1 second' where credential_id = ${credentialId}`,
    );
    const claim = await claimOne(db, credentialId, 30_000);
    expect(claim, "server A's claim").toBeDefined();
    await db.execute(
      sql`update credential_tokens set next_refresh_at = now() + interval '1 hour' where credential_id = ${credentialId}`,
    );
    return claim!;
  };
  /** Server B has made the token due (renew.ts's compare-and-set): it is past that step. */
  const madeDueByB = () =>
    expect
      .poll(async () => ((await held()).nextRefreshAt?.getTime() ?? Infinity) <= Date.now(), { timeout: 20_000 })
      .toBe(true);
  return { ...d, credentialId, held, serverAClaims, madeDueByB };
}

describe("a refused token while another server renews it", () => {
  it("B refused while A's renewal is in flight: B waits for A and takes A's token, presenting no refresh token", async () => {
    const c = await connected();
    const before = await c.held();
    const claim = await c.serverAClaims();
    const count = presented.length;
    const b = renewAfterRefusal(db, org.scope, c.credentialId, before.tokens.accessToken);
    await c.madeDueByB();
    expect(await refreshClaim(db, claim, refreshSettings())).toBe("refreshed");
    const after = await c.held();
    expect(after.tokens.accessToken).not.toBe(before.tokens.accessToken);
    expect(await b).toEqual({ accessToken: after.tokens.accessToken });
    expect(presented.slice(count)).toEqual([before.tokens.refreshToken]);
  });

  it("B refused with the old token after A committed the new one: B retries with it, nothing made due", async () => {
    const c = await connected();
    const before = await c.held();
    const claim = await c.serverAClaims();
    expect(await refreshClaim(db, claim, refreshSettings())).toBe("refreshed");
    const after = await c.held();
    const count = presented.length;
    expect(await renewAfterRefusal(db, org.scope, c.credentialId, before.tokens.accessToken)).toEqual({
      accessToken: after.tokens.accessToken,
    });
    expect(presented.length).toBe(count);
    // The compare-and-set on the old sealed token did not make the new one due.
    expect((await c.held()).nextRefreshAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it("a call arriving on B while A renews (the token made due by a refusal) waits for A and goes out with A's token", async () => {
    const c = await connected();
    const before = await c.held();
    const claim = await c.serverAClaims();
    // B's refused call has made the token due; a new call on B now finds it due and A's lease held.
    await db.execute(
      sql`update credential_tokens set next_refresh_at = now() - interval '1 second' where credential_id = ${c.credentialId}`,
    );
    upstream.received.length = 0;
    const count = presented.length;
    const call = callProxy({ instanceId: c.instanceId, key: "files", apiKey: org.apiKey, path: "me" });
    // The call is held at B until A finishes: nothing reaches the upstream meanwhile. A's answer
    // comes only after the call has reached the lease (the claim below cannot be taken).
    expect(await claimOne(db, c.credentialId, 30_000)).toBeUndefined();
    expect(upstream.received).toHaveLength(0);
    expect(await refreshClaim(db, claim, refreshSettings())).toBe("refreshed");
    const response = await call;
    expect(response.status).toBe(200);
    const after = await c.held();
    expect(upstream.received.map((r) => r.headers.authorization)).toEqual([`Bearer ${after.tokens.accessToken}`]);
    expect(presented.slice(count)).toEqual([before.tokens.refreshToken]);
  });

  it("A's renewal fails (the provider timed out or is down): B says so and does not present the refresh token again", async () => {
    const c = await connected();
    const before = await c.held();
    const claim = await c.serverAClaims();
    const count = presented.length;
    const b = renewAfterRefusal(db, org.scope, c.credentialId, before.tokens.accessToken);
    await c.madeDueByB();
    fault = () => ({ status: 503, body: JSON.stringify({ error: "temporarily_unavailable" }) });
    try {
      expect(await refreshClaim(db, claim, refreshSettings())).toBe("failed");
    } finally {
      fault = undefined;
    }
    // A refresh token whose answer never came may have been rotated at the provider: presenting it
    // again at once could revoke the grant. B reports the failed refresh; the backoff retries it.
    expect(await b).toEqual({ problem: "The token could not be refreshed; see the connection's log" });
    expect(presented.slice(count)).toEqual([before.tokens.refreshToken]);
    expect((await c.held()).tokens.accessToken).toBe(before.tokens.accessToken);
  });
});
