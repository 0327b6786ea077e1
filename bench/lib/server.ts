// The production server the HTTP benches measure (server.mjs, after `npm run build`), its API
// and autocannon's load: what the runtime and proxy benches share.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

export type BenchServer = {
  base: string;
  process: ChildProcess;
  /** The API with the server's organization key; throws on a non-2xx answer. */
  api: (method: string, route: string, body?: unknown) => Promise<Record<string, unknown>>;
  auth: Record<string, string>;
  stop: () => Promise<void>;
  /** Stops this server and starts it again on the same data, secrets and key, with `env` instead. */
  restart: (env: Record<string, string>) => Promise<BenchServer>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** What a bench server keeps across a restart: its secrets, its data folder, its API key. */
type Kept = { secrets: Record<string, string>; dataDir: string; apiKey: string };

/**
 * Starts the production server (server.mjs, as `npm start` runs it) with its secrets and a data
 * folder of its own, the refresh scheduler off and the runtime rate limit lifted (the benches
 * measure throughput, not the limit), and waits until it is healthy.
 */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const kept: Kept = {
    secrets: {
      LATCHKEY_MASTER_KEY: randomBytes(32).toString("base64"),
      AUTH_SECRET: randomBytes(32).toString("base64"),
      CRON_SECRET: randomBytes(32).toString("base64"),
    },
    dataDir: mkdtempSync(path.join(os.tmpdir(), "latchkey-bench-server-")),
    apiKey: `lk_bench_${randomBytes(12).toString("hex")}`,
  };
  return launch(kept, env);
}

async function launch(kept: Kept, env: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const { dataDir, apiKey } = kept;
  const server = spawn(
    process.execPath,
    [
      // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": to see where the server spends its time.
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
      "server.mjs",
      "-p",
      String(port),
    ],
    {
      env: {
        ...process.env,
        ...kept.secrets,
        LATCHKEY_DATA_DIR: dataDir,
        LATCHKEY_API_KEY: apiKey,
        LATCHKEY_URL: base,
        LATCHKEY_SANDBOX_OAUTH: "false",
        LATCHKEY_REFRESH_SCHEDULER: "false",
        LATCHKEY_RUNTIME_RATE_LIMIT_PER_MINUTE: "10000000",
        NEXT_TELEMETRY_DISABLED: "1",
        ...env,
      },
      stdio: ["ignore", process.env.BENCH_SERVER_LOG ? "inherit" : "ignore", "inherit"],
    },
  );
  const exit = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
  };
  const stop = async () => {
    await exit();
    rmSync(dataDir, { recursive: true, force: true });
  };
  // The same server again (secrets, data, key) with other settings: what one bench compares across.
  const restart = async (next: Record<string, string>) => {
    await exit();
    return launch(kept, next);
  };
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
  } catch (error) {
    await stop();
    throw error;
  }
  const auth = { authorization: `Bearer ${apiKey}` };
  const api = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${base}${route}`, {
      method,
      headers: { ...auth, "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  return { base, process: server, api, auth, stop, restart };
}

/**
 * An instance of a new integration with one connection of `connectionType` set to `values`, made
 * through the API as integration builders would: the URL of its connection.
 */
export async function deployBenchConnection(
  s: BenchServer,
  connectionType: string,
  values: Record<string, string>,
): Promise<string> {
  const integration = await s.api("POST", "/api/v1/integrations", {
    name: "Bench",
    configVariables: [{ key: "crm", label: "CRM", connectionType }],
  });
  // The production server seeds no demo customer: the bench makes its own.
  const customer = await s.api("POST", "/api/v1/customers", { name: "Bench customer" });
  const instance = await s.api("POST", "/api/v1/instances", { integrationId: integration.id, customerId: customer.id });
  await s.api("PUT", `/api/v1/instances/${String(instance.id)}/connections/crm`, { values });
  return `${s.base}/api/v1/instances/${String(instance.id)}/connections/crm`;
}

/** One autocannon round: `connections` at once, for `duration` seconds or `amount` requests. */
export function load(
  url: string,
  o: { connections: number; headers?: Record<string, string> } & ({ duration: number } | { amount: number }),
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    // Sampled every 20 ms rather than every second: a round ends at its first sample after its last
    // answer, so the default would round each round's duration up to whole seconds.
    autocannon({ url, sampleInt: 20, ...o }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * A round's figures for compare(): requests per second (all requests over the round's duration;
 * autocannon's own average is per sample), with p50 and p99; fails on any non-2xx answer or error.
 */
export function throughput(r: autocannon.Result, side: string) {
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${side}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { value: r.requests.total / r.duration, extra: { "p50 ms": r.latency.p50, "p99 ms": r.latency.p99 } };
}
