import { describe, expect, it } from "vitest";
import { connectionStatus } from "./status";

const base = { complete: true, incompleteReason: null, lastUsedAt: null, lastFailedAt: null, lastError: null };
const t = (s: number) => new Date(1_700_000_000_000 + s * 1000);

describe("connection status", () => {
  it("is red with the reason when incomplete, whatever its history", () => {
    expect(connectionStatus({ ...base, complete: false, incompleteReason: "Missing Token", lastUsedAt: t(5) })).toEqual(
      { status: "red", reason: "Missing Token" },
    );
  });
  it("is yellow when configured and never used", () => expect(connectionStatus(base).status).toBe("yellow"));
  it("is green after a successful use", () =>
    expect(connectionStatus({ ...base, lastUsedAt: t(1) }).status).toBe("green"));
  it("is red after a failure that came after the last success", () => {
    expect(connectionStatus({ ...base, lastUsedAt: t(1), lastFailedAt: t(2), lastError: "401 Unauthorized" })).toEqual({
      status: "red",
      reason: "401 Unauthorized",
    });
  });
  it("turns green again when a success follows the failure", () => {
    expect(connectionStatus({ ...base, lastUsedAt: t(3), lastFailedAt: t(2), lastError: "x" }).status).toBe("green");
  });
});
