import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "../support/proxy-world";
import { startAppServer, type AppServer } from "./servers";

// Nothing secret in any log line, for every auth form the proxy applies: a real `next start` server
// (debug logging on, its own embedded database, set up through the API as a partner would) proxies
// calls that succeed, that the API refuses with a body echoing the credential it got, that reach no
// API at all, and that carry the caller's own secrets in the query and headers. Then every secret of
// the run is searched for in the server's whole output and in each connection's log.

const API_KEY = "lk_system_proxy_secrets_0123456789";
const S = {
  header: "sys-header-key-5d1e0c9a7b",
  password: "sys-basic-password-8f2a6c",
  query: "sys-query-key-3b7e9d1f20",
  sigv4: "sys/SigV4SecretKey+0a9b8c7d6e5f",
  bearer: "sys-static-bearer-4c6e8a0b2d",
  callerQuery: "caller-query-value-71c3e5",
  callerHeader: "caller-header-value-93a1f7",
};

let upstream: Upstream;
let server: AppServer;
let dataDir = "";

const api = async (method: string, route: string, body?: unknown) => {
  const r = await fetch(`${server.url}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  expect(r.status, `${method} ${route}: ${text}`).toBeLessThan(300);
  return JSON.parse(text) as Record<string, unknown>;
};

beforeAll(async () => {
  upstream = await startUpstream();
  // An API that refuses /refused with the credential it was sent echoed back (some do), else 200.
  upstream.answer = (req, res) => {
    const refused = req.url!.includes("/refused");
    res.writeHead(refused ? 401 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify({ url: req.url, headers: req.headers }));
  };
  dataDir = mkdtempSync(path.join(os.tmpdir(), "latchkey-system-secrets-"));
  server = await startAppServer({
    DATABASE_URL: "",
    LATCHKEY_DATA_DIR: dataDir,
    LATCHKEY_API_KEY: API_KEY,
    LATCHKEY_ADMIN_EMAIL: "admin@example.com",
    LATCHKEY_ADMIN_PASSWORD: "sys-Admin-pw-7Rq9#xK2",
    LATCHKEY_DEMO: "false",
    LATCHKEY_LOG_LEVEL: "debug",
  });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await upstream?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("the proxy's logs on a real server", () => {
  it("hold no secret of any auth form, of the caller, or of the server, whatever the calls' outcome", async () => {
    const closed = await startUpstream();
    const closedUrl = closed.url;
    // A port nothing listens on: the connections that reach no API.
    await closed.close();
    const field = (key: string, secret = false) => ({ key, label: key, type: secret ? "password" : "string" });
    const forms: [string, Record<string, unknown>, Record<string, string>][] = [
      ["header", { type: "header", name: "X-Api-Key", valueField: "secret" }, { secret: S.header }],
      ["basic", { type: "basic", usernameField: "user", passwordField: "secret" }, { secret: S.password }],
      ["query", { type: "query", name: "key", valueField: "secret" }, { secret: S.query }],
      ["bearer", { type: "bearer", tokenField: "secret" }, { secret: S.bearer }],
      [
        "sigv4",
        { type: "aws_sigv4", service: "s3", regionField: "region", secretKeyField: "secret" },
        { secret: S.sigv4, access_key_id: "AKIDSYSTEST", region: "eu-west-1" },
      ],
    ];
    const customer = await api("POST", "/customers", { name: "Secrets customer" });
    const calls: { instanceId: string; unreachable: boolean; form: string }[] = [];
    for (const [form, auth, values] of forms) {
      const key = `sys_secrets_${form}`;
      await api("POST", "/connection-types", {
        key,
        label: `Secrets ${form}`,
        kind: "fields",
        fields: [
          { ...field("base_url"), type: "url" },
          field("user"),
          field("access_key_id"),
          field("region"),
          field("secret", true),
        ],
        proxy: { baseUrl: "{{base_url}}/api", auth },
      });
      const integration = await api("POST", "/integrations", {
        name: `Secrets ${form}`,
        configVariables: [{ key: "api", label: "API", connectionType: key }],
      });
      for (const base of [upstream.url, closedUrl]) {
        const instance = await api("POST", "/instances", { integrationId: integration.id, customerId: customer.id });
        const instanceId = instance.id as string;
        await api("PUT", `/instances/${instanceId}/connections/api`, {
          values: { base_url: base, user: "sys-user", ...values },
        });
        calls.push({ instanceId, unreachable: base === closedUrl, form });
      }
    }

    for (const c of calls)
      for (const p of [`ok?token=${S.callerQuery}`, `refused?token=${S.callerQuery}`]) {
        const r = await fetch(`${server.url}/api/v1/instances/${c.instanceId}/connections/api/proxy/${p}`, {
          headers: { authorization: `Bearer ${API_KEY}`, "x-caller-secret": S.callerHeader },
        });
        const expected = c.unreachable ? 502 : p.startsWith("ok") ? 200 : 401;
        expect(r.status, `${c.form} ${p.split("?")[0]} ${c.unreachable ? "to a closed port" : ""}`).toBe(expected);
        await r.arrayBuffer();
      }
    // The API did receive the credentials: a leak had something to leak.
    const received = JSON.stringify(upstream.received);
    for (const secret of [S.header, S.query, S.bearer, S.callerHeader, S.callerQuery])
      expect(received).toContain(secret);

    let logs = "";
    for (const c of calls) logs += JSON.stringify(await api("GET", `/instances/${c.instanceId}/connections/api/logs`));
    expect(logs).toMatch(/proxy failed/);
    const output = server.output();
    // The server's own output (it writes proxied calls to the connection log, not here): whatever a
    // failure or debug path wrote of them is searched too.
    expect(output).toMatch(/Ready on/);
    const secrets: [string, string][] = [
      ...Object.entries(S),
      ["the Basic credentials", Buffer.from(`sys-user:${S.password}`).toString("base64")],
      ["the API key", API_KEY],
      ["the master key", process.env.LATCHKEY_MASTER_KEY!],
      ["the auth secret", process.env.AUTH_SECRET!],
    ];
    for (const [what, secret] of secrets) {
      expect(output.includes(secret), `${what} in the server's output`).toBe(false);
      expect(logs.includes(secret), `${what} in a connection's log`).toBe(false);
    }
  });
});
