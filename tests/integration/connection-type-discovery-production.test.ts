import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Discovery's production rule (DESIGN.md, Outbound requests), through the real route of API v1: a
// server started as `npm start` is (no demo, no private-network allowance) refuses an issuer over
// plain http and one on a loopback or private address with a 400 at `issuer`, and sends nothing. A
// real metadata server listens on 127.0.0.1 meanwhile and would answer, so a refusal is the rule's.
//
// lib/env.ts reads the environment once, at import: this file sets production first and imports
// everything that reads it afterwards (the run's setup allows private networks for every other file).
const before = { demo: process.env.LATCHKEY_DEMO, allow: process.env.LATCHKEY_ALLOW_PRIVATE_NETWORK };
process.env.LATCHKEY_DEMO = "false";
process.env.LATCHKEY_ALLOW_PRIVATE_NETWORK = "false";
const { env } = await import("@/lib/env");
const { getDb } = await import("@/db/client");
const discoverRoute = await import("@/app/api/v1/connection-types/discover/route");
const { makeOrg } = await import("../support/oauth-fixtures");

let apiKey = "";
let issuerServer: Server;
let port = 0;
const seen: string[] = [];

beforeAll(async () => {
  apiKey = (await makeOrg(await getDb())).apiKey;
  issuerServer = createServer((req, res) => {
    seen.push(req.url ?? "");
    const issuer = `http://127.0.0.1:${port}`;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token` }));
  });
  await new Promise<void>((resolve) => issuerServer.listen(0, "127.0.0.1", resolve));
  port = (issuerServer.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => issuerServer.close(resolve));
  // The next file of this worker starts from the run's settings again.
  for (const [name, value] of [
    ["LATCHKEY_DEMO", before.demo],
    ["LATCHKEY_ALLOW_PRIVATE_NETWORK", before.allow],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function discover(issuer: string) {
  const response = await discoverRoute.POST(
    new Request("http://localhost/api/v1/connection-types/discover", {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ issuer }),
    }),
    { params: Promise.resolve({}) },
  );
  const json = (await response.json()) as {
    error?: { code: string; message: string; fields?: Record<string, string> };
  };
  return { status: response.status, error: json.error };
}

describe("discovery in production", () => {
  it("runs as production: no demo, no private-network allowance", () => {
    expect(env).toMatchObject({ isProduction: true, allowPrivateNetwork: false });
  });

  it("refuses an issuer over plain http, at the field, asking nothing", async () => {
    const answer = await discover(`http://127.0.0.1:${port}`);
    expect(answer.status).toBe(400);
    expect(answer.error?.fields?.issuer).toBe("The URL must use https");
    const public_ = await discover("http://login.example.com");
    expect(public_.error?.fields?.issuer).toBe("The URL must use https");
    expect(seen).toEqual([]);
  });

  it("refuses loopback and private addresses, written as addresses or as a name that resolves to one", async () => {
    for (const issuer of [
      `https://127.0.0.1:${port}`,
      `https://[::ffff:127.0.0.1]:${port}`,
      "https://10.20.30.40",
      "https://169.254.169.254/latest",
    ]) {
      const answer = await discover(issuer);
      expect(answer.status, issuer).toBe(400);
      expect(answer.error?.fields?.issuer, issuer).toMatch(
        /is a private or reserved address, which Latchkey does not call$/,
      );
    }
    const named = await discover(`https://localhost:${port}`);
    expect(named.status).toBe(400);
    expect(named.error?.fields?.issuer).toBe(
      "localhost resolves to a private or reserved address, which Latchkey does not call",
    );
    expect(seen).toEqual([]);
  });
});
