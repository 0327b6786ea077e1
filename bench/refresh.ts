// npm run bench:refresh [-- --quick]
// Latchkey's refresh run (claim with a lease, decrypt, refresh, commit fenced on the lease, log)
// against a baseline that sends the same refresh requests straight through oauth4webapi, with the
// same HTTP client and the same concurrency, without the database. The token endpoint is local and
// answers after 20 ms. Each Latchkey round makes all of them due again and vacuums first (outside
// the timing), so that every round starts from the same table. Ratio (last line): the median over
// the pairs of Latchkey's throughput / the baseline's; target ≥ 0.9.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import * as oauth from "oauth4webapi";
import { sql } from "drizzle-orm";
import { closeDb, databaseKind, getDb, type Db } from "@/db/client";
import { compare, pairCount, quick } from "./lib/pairs";
import { credentials, credentialTokens, organizations } from "@/db/schema";
import { encryptForTenant } from "@/lib/crypto/tenant-keys";
import { encryptTokenSet } from "@/lib/credentials/tokens";
import { outboundFetch } from "@/lib/outbound/fetch";
import { runRefresh } from "@/lib/refresh/run";
import { refreshSettings } from "@/lib/refresh/settings";

const COUNT = quick ? 300 : 2_000;
const LATENCY_MS = 20;
const settings = { ...refreshSettings(), windowMs: 600_000 };
const CONCURRENCY = settings.concurrency;

function startTokenEndpoint(): Promise<{ url: string; close: () => void; requests: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      requests++;
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
        res.end(
          JSON.stringify({
            access_token: randomBytes(24).toString("base64url"),
            refresh_token: randomBytes(24).toString("base64url"),
            token_type: "Bearer",
            expires_in: 3600,
          }),
        );
      }, LATENCY_MS);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
        close: () => server.close(),
        requests: () => requests,
      }),
    ),
  );
}

async function seed(db: Db, tokenUrl: string): Promise<string> {
  const [org] = await db
    .insert(organizations)
    .values({ name: "Refresh bench", slug: `refresh-bench-${randomUUID()}` })
    .returning();
  const tenant = { organizationId: org!.id, customerId: null };
  const rows = [];
  const tokenRows = [];
  for (let i = 0; i < COUNT; i++) {
    const id = randomUUID();
    const values = {
      client_id: "bench-client",
      client_secret: `bench-secret-${i}`,
      auth_uri: "http://127.0.0.1/authorize",
      token_uri: tokenUrl,
      scopes: "",
    };
    rows.push({
      id,
      organizationId: org!.id,
      customerId: null,
      label: `Bench ${i}`,
      authMethod: "oauth2",
      valuesCiphertext: await encryptForTenant(db, tenant, id, JSON.stringify({ values, headers: [] })),
      fieldsSet: Object.keys(values),
      complete: true,
    });
    tokenRows.push({
      credentialId: id,
      organizationId: org!.id,
      customerId: null,
      grantType: "authorization_code" as const,
      tokensCiphertext: await encryptTokenSet(db, tenant, id, {
        accessToken: `old-${i}`,
        refreshToken: `refresh-${i}`,
        tokenType: "bearer",
        metadata: {},
      }),
      hasRefreshToken: true,
      expiresAt: new Date(Date.now() + 60_000),
      nextRefreshAt: new Date(Date.now() - 1_000),
    });
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(credentials).values(rows.slice(i, i + 500));
  for (let i = 0; i < tokenRows.length; i += 500) await db.insert(credentialTokens).values(tokenRows.slice(i, i + 500));
  return org!.id;
}

/** The same refresh requests through oauth4webapi and the same HTTP client, at the same concurrency. */
async function baseline(tokenUrl: string): Promise<{ value: number; extra: Record<string, number> }> {
  const as: oauth.AuthorizationServer = { issuer: new URL(tokenUrl).origin, token_endpoint: tokenUrl };
  const client: oauth.Client = { client_id: "bench-client" };
  const options = {
    [oauth.allowInsecureRequests]: true,
    [oauth.customFetch]: (url: string, o: oauth.CustomFetchOptions<string, unknown>) =>
      outboundFetch(
        url,
        { method: o.method, headers: o.headers, body: o.body as BodyInit | undefined, signal: o.signal },
        { timeoutMs: settings.requestTimeoutMs },
      ),
  };
  let next = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COUNT) {
        const i = next++;
        const response = await oauth.refreshTokenGrantRequest(
          as,
          client,
          oauth.ClientSecretBasic(`bench-secret-${i}`),
          `refresh-${i}`,
          options,
        );
        await oauth.processRefreshTokenResponse(as, client, response);
      }
    }),
  );
  const value = COUNT / ((performance.now() - start) / 1000);
  const used = process.cpuUsage(cpu);
  return { value, extra: { "CPU ms per refresh (this process)": (used.user + used.system) / 1000 / COUNT } };
}

async function latchkey(db: Db, organizationId: string) {
  await db.execute(
    sql`update credential_tokens set next_refresh_at = now() - interval '1 second', lease_until = null, lease_holder = null where organization_id = ${organizationId}`,
  );
  // The rounds before left dead row versions and log rows behind: a server's autovacuum would have
  // cleared them, and the rounds compare alike only when each starts from the same table.
  await db.execute(sql`vacuum analyze credential_tokens`);
  await db.execute(sql`vacuum analyze credentials`);
  const cpu = process.cpuUsage();
  const run = await runRefresh(db, { settings, budgetMs: 600_000 });
  const used = process.cpuUsage(cpu);
  if (run.refreshed !== COUNT || run.failed !== 0)
    throw new Error(`the run refreshed ${run.refreshed} and failed ${run.failed} of ${COUNT}`);
  return {
    value: COUNT / (run.ms / 1000),
    extra: { "CPU ms per refresh (this process)": (used.user + used.system) / 1000 / COUNT },
  };
}

async function main() {
  const db = await getDb();
  const endpoint = await startTokenEndpoint();
  const organizationId = await seed(db, endpoint.url);
  await db.execute(sql`analyze`);
  await compare(
    {
      bench: "refresh",
      ratioName: "Latchkey/baseline",
      unit: "refreshes/s",
      pairs: pairCount(),
      target: { op: "≥", value: 0.9 },
      database: await databaseKind(),
      setting: `${COUNT} due connections, token endpoint latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}`,
    },
    { label: "baseline (oauth4webapi, no database)", run: () => baseline(endpoint.url) },
    { label: "Latchkey cron run", run: () => latchkey(db, organizationId) },
  );
  endpoint.close();
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
