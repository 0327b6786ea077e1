import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { PageRouteHandler } from "@/lib/api/page-route";
import { otherContractRoutes, otherRoutesBeyondContract } from "@/tests/fixtures/api-contract-operations";

// The route handlers outside API v1: those the contract lists, and the wrapper of those that answer
// a person with a page (OAuth CONNECT and callback, the embedded routes) with the shared error mapping.

// The OAuth routes read the session's secret when loaded: a fixed one, so that none is generated.
vi.stubEnv("AUTH_SECRET", "unit-tests-auth-secret-0123456789abcdef");

const root = path.resolve(__dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Each exported method of each route file below `folder` (relative to the root), with its URL path. */
async function routes(folder: string, skip: (relative: string) => boolean = () => false) {
  const found: { method: string; path: string; handler: unknown }[] = [];
  const files = readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" }).filter(
    (entry) => path.basename(entry) === "route.ts" && !skip(entry),
  );
  for (const entry of files) {
    const exported = (await import(path.join(root, folder, entry))) as Record<string, unknown>;
    const url = `/${folder.replace(/^app\//, "")}/${path.dirname(entry)}`.replace(/\/\.$/, "");
    for (const method of METHODS) if (exported[method]) found.push({ method, path: url, handler: exported[method] });
  }
  return found;
}

// Importing every route file loads most of the app (the MCP SDK, the proxy, oidc-provider): on a
// busy 2-core machine that takes far longer than a unit test's default 5 s.
const IMPORTS_TIMEOUT_MS = 120_000;

describe("routes outside API v1", { timeout: IMPORTS_TIMEOUT_MS }, () => {
  it("are the contract's, and name each one still missing", async () => {
    const served = (await routes("app/api", (entry) => entry.startsWith("v1/") || entry.startsWith("auth/"))).map(
      (route) => `${route.method} ${route.path}`,
    );
    const beyond = otherRoutesBeyondContract.map((route) => `${route.method} ${route.path}`);
    const listed = otherContractRoutes
      .filter((route) => route.pendingIssue === undefined)
      .map((route) => `${route.method} ${route.path}`);
    expect(served.sort()).toEqual([...listed, ...beyond].sort());
    const pending = otherContractRoutes.filter((route) => route.pendingIssue !== undefined);
    expect(pending.filter((route) => served.includes(`${route.method} ${route.path}`))).toEqual([]);
  });

  it("that answer a person with a page are all made by pageRoute", async () => {
    const pageRoutes = [...(await routes("app/api/oauth")), ...(await routes("app/embedded"))];
    expect(pageRoutes.length).toBeGreaterThanOrEqual(5);
    const unwrapped = pageRoutes
      .filter(({ handler }) => (handler as Partial<PageRouteHandler>).answersWithPage !== true)
      .map((route) => `${route.method} ${route.path}`);
    expect(unwrapped).toEqual([]);
  });
});
