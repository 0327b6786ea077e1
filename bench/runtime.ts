// npm run bench:runtime [-- --quick]      (needs `npm run build` first)
// Requests per second of the runtime values endpoint (authenticate the key, load the instance,
// decrypt the connection's values, log the hand-over; no refresh) against a trivial route of the
// same server (GET /api/health: `select 1`, then four small reads side by side), with autocannon,
// in alternating rounds, twice: with every request through Next's router (LATCHKEY_LIGHT_DOOR=false),
// then as `npm start` serves the values, through server.mjs's light door. Ratio (last line, the
// second): the median over the pairs of values/trivial, target ≥ 0.7; p50 and p99 latencies beside
// it (target: values p99 under 30 ms at 10 connections).
import { compare, pairCount, quick } from "./lib/pairs";
import { deployBenchConnection, load, startBenchServer, throughput } from "./lib/server";

const DURATION_S = quick ? 3 : 10;
const CONNECTIONS = 10;
const SECRET = "bench-secret-api-key-0123456789";

async function main() {
  // First with every request through Next's router (LATCHKEY_LIGHT_DOOR=false): values and the
  // trivial route through the same door, the cost of the runtime path itself. Then as production
  // serves it, the values through server.mjs's light door: the figures integration code gets.
  let server = await startBenchServer({ LATCHKEY_LIGHT_DOOR: "false" });
  try {
    const connection = await deployBenchConnection(server, "http_api_key_header", {
      base_url: "https://api.example.com",
      api_key: SECRET,
    });
    const valuesPath = `${connection.slice(server.base.length)}/values`;
    for (const door of ["next", "light"] as const) {
      if (door === "light") server = await server.restart({});
      const valuesUrl = `${server.base}${valuesPath}`;
      const check = await fetch(valuesUrl, { headers: server.auth }).then((r) => r.json());
      if ((check as { values: Record<string, string> }).values.api_key !== SECRET)
        throw new Error("the values endpoint did not hand over the values");
      const round =
        (url: string, side: string, headers: Record<string, string> = {}) =>
        async () =>
          throughput(await load(url, { connections: CONNECTIONS, duration: DURATION_S, headers }), side);
      await compare(
        {
          bench: door === "next" ? "runtime (both through Next's router)" : "runtime",
          ratioName: "values/trivial",
          unit: "req/s",
          pairs: pairCount(),
          target: { op: "≥", value: 0.7 },
          database: process.env.DATABASE_URL ? "postgres" : "pglite",
          setting: `${CONNECTIONS} connections, ${DURATION_S} s per round; ${door === "next" ? "LATCHKEY_LIGHT_DOOR=false: the values through Next's router, as the trivial route" : "the values through the light door of server.mjs, as npm start serves them; the trivial route through Next's router"}`,
        },
        { label: "trivial route (GET /api/health)", run: round(`${server.base}/api/health`, "health") },
        { label: "runtime values endpoint", run: round(valuesUrl, "values", server.auth) },
      );
    }
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
