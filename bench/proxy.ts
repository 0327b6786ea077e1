// npm run bench:proxy [-- --quick]      (needs `npm run build` first)
// The proxy's cost: a local upstream that answers 4 KiB after 20 ms, 2,000 GETs sent straight at it
// against the same GETs through the proxy of a production server (server.mjs), at the same concurrency, in
// alternating rounds. Ratio (last line of the comparison): proxied/straight requests per second,
// target ≥ 0.85; the added p50 and p99 latency beside it (target: added p50 ≤ 3 ms on loopback).
// Then a 200 MiB download through the proxy, with the server's peak resident memory over its level
// before (target: growth < 64 MiB).
import { readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { compare, median, pairCount, quick } from "./lib/pairs";
import { deployBenchConnection, load, startBenchServer, throughput } from "./lib/server";

const REQUESTS = quick ? 500 : 2_000;
const CONNECTIONS = 10;
const DELAY_MS = 20;
const DOWNLOAD_BYTES = 200 * 1024 * 1024;
const BODY = Buffer.alloc(4096, 120);

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

const rssBytes = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;

async function main() {
  const upstream = await startUpstream();
  const server = await startBenchServer({ LATCHKEY_ALLOW_PRIVATE_NETWORK: "true" });
  try {
    const connection = await deployBenchConnection(server, "http_api_key_header", {
      base_url: upstream.url,
      api_key: "bench-secret-api-key-0123456789",
    });
    const proxied = `${connection}/proxy/items/42`;
    const auth = server.auth;
    const p50: Record<"straight" | "proxied", number[]> = { straight: [], proxied: [] };
    const p99: Record<"straight" | "proxied", number[]> = { straight: [], proxied: [] };
    const round =
      (side: "straight" | "proxied", url: string, headers: Record<string, string> = {}) =>
      async () => {
        const r = await load(url, { connections: CONNECTIONS, amount: REQUESTS, headers });
        const figures = throughput(r, side);
        p50[side].push(r.latency.p50);
        p99[side].push(r.latency.p99);
        return figures;
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
    const pid = server.process.pid!;
    const before = rssBytes(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 20);
    const started = Date.now();
    const response = await fetch(`${connection}/proxy/big`, { headers: auth });
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
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
