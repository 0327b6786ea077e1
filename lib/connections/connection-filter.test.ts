import { describe, expect, it } from "vitest";
import { connectionsHref, describeFilter, parseConnectionFilter, type ConnectionFilter } from "./connection-filter";
import { hourLabel, hourStart, lastDay, lastDayHours } from "./refresh-window";

describe("parseConnectionFilter", () => {
  it("reads each kind of figure's link back into its filter", () => {
    const hour = new Date("2025-01-31T14:00:00.000Z");
    const filters: ConnectionFilter[] = [
      { kind: "all" },
      { kind: "status", status: "red" },
      { kind: "expiry", bucket: "1h" },
      { kind: "expiry", bucket: "reauthorize" },
      { kind: "refresh", outcome: "failed", hour },
      { kind: "refresh", outcome: "refreshed", hour: null },
    ];
    for (const filter of filters) {
      const params = Object.fromEntries(new URL(connectionsHref(filter), "http://x").searchParams);
      expect(parseConnectionFilter(params)).toEqual({ ok: true, filter });
    }
  });

  it("says what is wrong with a bad query string instead of throwing", () => {
    const error = (params: Record<string, string | string[]>) => {
      const r = parseConnectionFilter(params);
      return r.ok ? "ok" : r.error;
    };
    expect(error({ status: "purple" })).toBe("status must be green, yellow or red");
    expect(error({ status: ["red", "green"] })).toBe("Give status once");
    expect(error({ expiry: "2h" })).toMatch(/^expiry must be one of reauthorize, expired, 1h/);
    expect(error({ status: "red", expiry: "1h" })).toBe("Choose one of status, expiry or refresh");
    expect(error({ refresh: "failed", hour: "yesterday" })).toMatch(/^hour must be a time such as/);
    expect(error({ refresh: "failed", hour: "2025-01-31T14:30:00Z" })).toMatch(/^hour must start on the hour/);
    expect(error({ hour: "2025-01-31T14:00:00Z" })).toBe("hour goes with refresh");
    expect(error({ refresh: "any", hour: "2025-01-31T16:00:00+02:00" })).toBe("ok");
  });

  it("ignores parameters it does not know", () => {
    expect(parseConnectionFilter({ status: "green", utm_source: "mail" })).toEqual({
      ok: true,
      filter: { kind: "status", status: "green" },
    });
  });

  it("titles each list", () => {
    expect(describeFilter({ kind: "status", status: "yellow" })).toBe("Yellow connections");
    expect(describeFilter({ kind: "expiry", bucket: "expired" })).toBe("Connections whose access token has expired");
    expect(describeFilter({ kind: "refresh", outcome: "failed", hour: new Date("2025-01-31T23:00:00Z") })).toBe(
      "Connections with a failed token refresh at 23:00–00:00 UTC",
    );
  });
});

describe("the refresh chart's day", () => {
  it("is 24 whole UTC hours ending with the current one", () => {
    const now = new Date("2025-01-31T14:25:10.123Z");
    expect(hourStart(now).toISOString()).toBe("2025-01-31T14:00:00.000Z");
    expect(lastDay(now)).toEqual({
      from: new Date("2025-01-30T15:00:00.000Z"),
      to: new Date("2025-01-31T15:00:00.000Z"),
    });
    const hours = lastDayHours(now);
    expect(hours).toHaveLength(24);
    expect(hours[0]?.toISOString()).toBe("2025-01-30T15:00:00.000Z");
    expect(hours[23]?.toISOString()).toBe("2025-01-31T14:00:00.000Z");
    expect(hourLabel(hours[23]!)).toBe("14:00–15:00 UTC");
  });
});
