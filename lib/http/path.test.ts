import { describe, expect, it } from "vitest";
import { isReadablePath, unreadablePathResponse } from "./path";

describe("unreadable paths", () => {
  it.each(["/components/%ff", "/api/v1/connection-types/%ff", "/a/%00", "/a/%e2%82"])("refuses %s", (path) =>
    expect(isReadablePath(path)).toBe(false),
  );
  it.each(["/", "/components/acme_api", "/api/v1/connection-types/caf%C3%A9", "/a%20b"])("accepts %s", (path) =>
    expect(isReadablePath(path)).toBe(true),
  );
  it("answers the API in its JSON shape and pages with HTML", async () => {
    const api = unreadablePathResponse("/api/v1/connection-types/%ff")!;
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ error: { code: "invalid_request" } });
    const page = unreadablePathResponse("/components/%ff")!;
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(unreadablePathResponse("/components/ok")).toBeNull();
  });
});
