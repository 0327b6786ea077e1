// npm run bench:runtime [-- --quick]      (needs `npm run build` first)
// Requests per second of the runtime values endpoint (authenticate the key, load the instance,
// decrypt the connection's values, log the hand-over; no refresh) against a trivial route of the
// same server (GET /api/health: `select 1`, then four small reads side by side), with autocannon,
// in alternating rounds. Ratio (last line): the median over the pairs of values/trivial, target
// ≥ 0.7; p50 and p99 latencies beside it (target: values p99 under 30 ms at 10 connections).
import { compare, pairCount, quick } from "./lib/pairs";
import { deployBenchConnection, load, startBenchServer, throughput } from "./lib/server";

const DURATION_S = quick ? 3 : 10;
const CONNECTIONS = 10;
const SECRET = "bench-secret-api-key-0123456789";

async function main() {
  const server = await startBenchServer();
  try {
    const connection = await deployBenchConnection(server, "http_api_key_header", {
      base_url: "https://api.example.com",
      api_key: SECRET,
    });
    const valuesUrl = `${connection}/values`;
    const check = await fetch(valuesUrl, { headers: server.auth }).then((r) => r.json());
    if ((check as { values: Record<string, string> }).values.api_key !== SECRET)
      throw new Error("the values endpoint did not hand over the values");

    const round =
      (url: string, side: string, headers: Record<string, string> = {}) =>
      async () =>
        throughput(await load(url, { connections: CONNECTIONS, duration: DURATION_S, headers }), side);
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
      { label: "trivial route (GET /api/health)", run: round(`${server.base}/api/health`, "health") },
      { label: "runtime values endpoint", run: round(valuesUrl, "values", server.auth) },
    );
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
