// npm run bench:runtime [-- --quick]      (needs `npm run build` first)
// Requests per second of the runtime values endpoint (authenticate the key, load the instance,
// decrypt the connection's values, log the hand-over; no refresh) against a trivial route of the
// same server (GET /api/health, one `select 1`), with autocannon, in alternating rounds. Ratio (last
// line): the median over the pairs of values/trivial, target ≥ 0.7; p50 and p99 latencies beside it
// (target: values p99 under 30 ms at 10 connections).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { compare, pairCount, quick } from "./lib/pairs";

const DURATION_S = quick ? 3 : 10;
const CONNECTIONS = 10;
const API_KEY = `lk_bench_${Math.random().toString(36).slice(2)}${Date.now()}`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function api(base: string, method: string, route: string, body?: unknown) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function measure(url: string, headers: Record<string, string> = {}) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

async function main() {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "latchkey-bench-runtime-"));
  const server = spawn(
    process.execPath,
    [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)],
    {
      // `next start` is the production server on either database: it needs its secrets. The
      // runtime rate limit is lifted: this measures throughput, and 10 connections exceed any sane limit.
      env: {
        ...process.env,
        LATCHKEY_MASTER_KEY: randomBytes(32).toString("base64"),
        AUTH_SECRET: randomBytes(32).toString("base64"),
        CRON_SECRET: randomBytes(32).toString("base64"),
        LATCHKEY_DATA_DIR: dataDir,
        LATCHKEY_API_KEY: API_KEY,
        LATCHKEY_URL: base,
        LATCHKEY_SANDBOX_OAUTH: "false",
        LATCHKEY_REFRESH_SCHEDULER: "false",
        LATCHKEY_RUNTIME_RATE_LIMIT_PER_MINUTE: "10000000",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error("the server exited; run `npm run build` first");
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 300) throw new Error("the server did not start");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const integration = await api(base, "POST", "/api/v1/integrations", {
      name: "Runtime bench",
      configVariables: [{ key: "crm", label: "CRM", connectionType: "http_api_key_header" }],
    });
    // The production server seeds no demo customer: the bench makes its own.
    const customer = await api(base, "POST", "/api/v1/customers", { name: "Runtime bench customer" });
    const instance = await api(base, "POST", "/api/v1/instances", {
      integrationId: integration.id,
      customerId: customer.id,
    });
    await api(base, "PUT", `/api/v1/instances/${instance.id}/connections/crm`, {
      values: { base_url: "https://api.example.com", api_key: "bench-secret-api-key-0123456789" },
    });
    const valuesUrl = `${base}/api/v1/instances/${instance.id}/connections/crm/values`;
    const check = await api(base, "GET", `/api/v1/instances/${instance.id}/connections/crm/values`);
    if ((check.values as Record<string, string>).api_key !== "bench-secret-api-key-0123456789")
      throw new Error("the values endpoint did not hand over the values");

    const auth = { authorization: `Bearer ${API_KEY}` };
    const round =
      (url: string, headers: Record<string, string> = {}) =>
      async () => {
        const r = await measure(url, headers);
        if (r.non2xx > 0 || r.errors > 0) throw new Error(`${r.url}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
        return { value: r.requests.average, extra: { "p50 ms": r.latency.p50, "p99 ms": r.latency.p99 } };
      };
    await compare(
      {
        bench: "runtime",
        ratioName: "values/trivial",
        unit: "req/s",
        pairs: pairCount(),
        target: { op: "≥", value: 0.7 },
        database: process.env.DATABASE_URL ? "postgres" : "pglite",
        setting: `${CONNECTIONS} connections, ${DURATION_S} s per round`,
      },
      { label: "trivial route (GET /api/health)", run: round(`${base}/api/health`) },
      { label: "runtime values endpoint", run: round(valuesUrl, auth) },
    );
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
