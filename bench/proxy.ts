// npm run bench:proxy [-- --quick]      (needs `npm run build` first)
// The proxy's cost: a local upstream that answers 4 KiB after 20 ms, 2,000 GETs sent straight at it
// against the same GETs through the proxy of a `next start` server, at the same concurrency, in
// alternating rounds. Ratio (last line of the comparison): proxied/straight requests per second,
// target ≥ 0.85; the added p50 and p99 latency beside it (target: added p50 ≤ 3 ms on loopback).
// Then a 200 MiB download through the proxy, with the server's peak resident memory over its level
// before (target: growth < 64 MiB).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { compare, median, pairCount, quick } from "./lib/pairs";

const REQUESTS = quick ? 500 : 2_000;
const CONNECTIONS = 10;
const DELAY_MS = 20;
const DOWNLOAD_BYTES = 200 * 1024 * 1024;
const API_KEY = `lk_bench_${Math.random().toString(36).slice(2)}${Date.now()}`;
const BODY = Buffer.alloc(4096, 120);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The upstream: 4 KiB after 20 ms, or 200 MiB as fast as the reader takes it. */
async function startUpstream(): Promise<{ url: string; close: () => void }> {
  const chunk = Buffer.alloc(64 * 1024, 1);
  const server = createHttpServer((req, res) => {
    if (req.url?.startsWith("/big")) {
      res.writeHead(200, { "content-length": String(DOWNLOAD_BYTES) });
      let sent = 0;
      const more = () => {
        while (sent < DOWNLOAD_BYTES) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", more);
        }
        res.end();
      };
      return more();
    }
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(BODY.length) });
      res.end(BODY);
    }, DELAY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
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
    autocannon({ url, connections: CONNECTIONS, amount: REQUESTS, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

const rssBytes = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;

async function main() {
  const upstream = await startUpstream();
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "latchkey-bench-proxy-"));
  const server = spawn(
    process.execPath,
    [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)],
    {
      // Production, with its secrets; loopback allowed for the local upstream; the runtime rate
      // limit lifted: this measures throughput, not the limit.
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
        LATCHKEY_ALLOW_PRIVATE_NETWORK: "true",
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
      name: "Proxy bench",
      configVariables: [{ key: "crm", label: "CRM", connectionType: "http_api_key_header" }],
    });
    const customer = await api(base, "POST", "/api/v1/customers", { name: "Proxy bench customer" });
    const instance = await api(base, "POST", "/api/v1/instances", {
      integrationId: integration.id,
      customerId: customer.id,
    });
    await api(base, "PUT", `/api/v1/instances/${instance.id}/connections/crm`, {
      values: { base_url: upstream.url, api_key: "bench-secret-api-key-0123456789" },
    });
    const proxied = `${base}/api/v1/instances/${instance.id}/connections/crm/proxy/items/42`;
    const auth = { authorization: `Bearer ${API_KEY}` };
    const p50: Record<"straight" | "proxied", number[]> = { straight: [], proxied: [] };
    const p99: Record<"straight" | "proxied", number[]> = { straight: [], proxied: [] };
    const round =
      (side: "straight" | "proxied", url: string, headers: Record<string, string> = {}) =>
      async () => {
        const r = await measure(url, headers);
        if (r.non2xx > 0 || r.errors > 0) throw new Error(`${side}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
        p50[side].push(r.latency.p50);
        p99[side].push(r.latency.p99);
        return { value: r.requests.average, extra: { "p50 ms": r.latency.p50, "p99 ms": r.latency.p99 } };
      };
    await compare(
      {
        bench: "proxy",
        ratioName: "proxied/straight",
        unit: "req/s",
        pairs: pairCount(),
        warmups: 1,
        target: { op: "≥", value: 0.85 },
        database: process.env.DATABASE_URL ? "postgres" : "pglite",
        setting: `${REQUESTS} GETs of 4 KiB per round, upstream answers after ${DELAY_MS} ms, ${CONNECTIONS} connections`,
      },
      { label: "straight to the upstream", run: round("straight", `${upstream.url}/items/42`) },
      { label: "through the proxy", run: round("proxied", proxied, auth) },
    );
    const added = (k: typeof p50) => median(k.proxied) - median(k.straight);
    console.log(`added latency: p50 ${added(p50).toFixed(1)} ms (target ≤ 3), p99 ${added(p99).toFixed(1)} ms`);

    // The download: read as it comes, the server's memory sampled meanwhile.
    const before = rssBytes(server.pid!);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(server.pid!))), 20);
    const started = Date.now();
    const response = await fetch(`${base}/api/v1/instances/${instance.id}/connections/crm/proxy/big`, {
      headers: auth,
    });
    let received = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) received += chunk.byteLength;
    clearInterval(sampler);
    if (received !== DOWNLOAD_BYTES) throw new Error(`the download ended after ${received} bytes`);
    const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(
      `200 MiB download through the proxy: ${((Date.now() - started) / 1000).toFixed(1)} s, server RSS ${mib(before)} MiB before, peak ${mib(peak)} MiB: growth ${mib(peak - before)} MiB (target < 64)`,
    );
  } finally {
    upstream.close();
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
