import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import {
  configVariables,
  connectionLogs,
  credentialTokens,
  credentials,
  customers,
  instanceConnections,
  instances,
  integrations,
  organizations,
} from "@/db/schema";
import { listConnections } from "@/lib/connections/connection-list";
import { loadDashboard } from "@/lib/connections/dashboard";
import { expiryCounts } from "@/lib/connections/expiries";
import { statusCounts } from "@/lib/connections/health";
import { refreshHistory } from "@/lib/connections/refresh-history";

// The connection health dashboard's queries against a real database: two organizations with the
// same fixture, so that any figure that leaks across tenants comes out doubled.

// A fixed clock: 12:30 UTC, so the chart's day runs from 13:00 the day before to 13:00 today.
const NOW = new Date("2030-06-15T12:30:00.000Z");
const at = (iso: string) => new Date(iso);
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

type Fixture = {
  organizationId: string;
  instance: Record<"one" | "two" | "three" | "four", string>;
  credential: Record<"crmOne" | "crmTwo" | "crmThree" | "shared" | "unbound", string>;
};

let db: Db;
let a: Fixture;
let b: Fixture;

// One organization, one customer, an integration with two connections (crm, files), four instances:
//   one:   crm green (used)          files red (not configured)
//   two:   crm yellow (never used)   files red (incomplete)
//   three: crm red (last use failed) files green (the organization's shared credential)
//   four:  crm red (not configured)  files green (the same shared credential)
async function makeFixture(name: string): Promise<Fixture> {
  const [org] = await db
    .insert(organizations)
    .values({ name, slug: `dash-${randomUUID()}` })
    .returning();
  const organizationId = org!.id;
  const [customer] = await db
    .insert(customers)
    .values({ organizationId, name: `${name} customer` })
    .returning();
  const customerId = customer!.id;
  const [integration] = await db
    .insert(integrations)
    .values({ organizationId, name: `${name} sync` })
    .returning();
  const [crm, files] = await db
    .insert(configVariables)
    .values([
      {
        organizationId,
        integrationId: integration!.id,
        key: "crm",
        label: "CRM account",
        connectionType: "salesforce",
        position: 0,
      },
      {
        organizationId,
        integrationId: integration!.id,
        key: "files",
        label: "File storage",
        connectionType: "dropbox",
        position: 1,
      },
    ])
    .returning();
  const instance = {} as Fixture["instance"];
  for (const [i, key] of (["one", "two", "three", "four"] as const).entries()) {
    const [row] = await db
      .insert(instances)
      .values({
        organizationId,
        customerId,
        integrationId: integration!.id,
        name: `${name} instance ${key}`,
        createdAt: new Date(NOW.getTime() - (10 - i) * 86_400_000),
      })
      .returning();
    instance[key] = row!.id;
  }
  const credential = async (
    v: Partial<typeof credentials.$inferInsert> & { label: string },
    ownedByCustomer = true,
  ) => {
    const [row] = await db
      .insert(credentials)
      .values({
        organizationId,
        customerId: ownedByCustomer ? customerId : null,
        authMethod: "oauth2",
        complete: true,
        ...v,
      })
      .returning();
    return row!.id;
  };
  const c: Fixture["credential"] = {
    crmOne: await credential({ label: "crm one", lastUsedAt: minutes(-10) }),
    crmTwo: await credential({ label: "crm two" }),
    crmThree: await credential({
      label: "crm three",
      lastUsedAt: minutes(-300),
      lastFailedAt: minutes(-175),
      lastError: "Re-authorization needed: the provider refused the refresh token",
    }),
    shared: await credential({ label: "shared files", lastUsedAt: minutes(-60) }, false),
    unbound: await credential({ label: "unused org credential", lastUsedAt: minutes(-10) }, false),
  };
  const filesTwo = await credential({
    label: "files two",
    complete: false,
    incompleteReason: "Missing: Client secret",
  });
  const bind = (instanceId: string, configVariableId: string, credentialId: string | null) => ({
    organizationId,
    customerId,
    instanceId,
    configVariableId,
    credentialId,
  });
  await db
    .insert(instanceConnections)
    .values([
      bind(instance.one, crm!.id, c.crmOne),
      bind(instance.two, crm!.id, c.crmTwo),
      bind(instance.two, files!.id, filesTwo),
      bind(instance.three, crm!.id, c.crmThree),
      bind(instance.three, files!.id, c.shared),
      bind(instance.four, files!.id, c.shared),
    ]);
  const token = (credentialId: string, v: Partial<typeof credentialTokens.$inferInsert>) => ({
    credentialId,
    organizationId,
    grantType: "authorization_code" as const,
    tokensCiphertext: "not-a-real-ciphertext",
    hasRefreshToken: true,
    ...v,
  });
  await db.insert(credentialTokens).values([
    token(c.crmOne, { expiresAt: minutes(60), nextRefreshAt: minutes(55) }), // exactly one hour away: still "within 1 hour"
    token(c.crmTwo, { expiresAt: minutes(-5), hasRefreshToken: false }), // expired
    token(c.crmThree, { expiresAt: minutes(120), needsReauthorization: true, consecutiveFailures: 1 }), // re-authorization, whatever its expiry
    token(c.shared, { expiresAt: minutes(180) }), // 1–6 hours, behind two connections
    token(filesTwo, { expiresAt: minutes(600) }), // 6–24 hours
    token(c.unbound, { expiresAt: minutes(30) }), // no instance uses it: not a connection
  ]);
  const log = (credentialId: string, event: string, createdAt: Date, level: "info" | "warn" | "error" = "info") => ({
    organizationId,
    customerId,
    credentialId,
    level,
    event,
    message: event,
    createdAt,
  });
  await db.insert(connectionLogs).values([
    log(c.crmOne, "refreshed", at("2030-06-15T12:20:00Z")), // the current hour
    log(c.unbound, "refreshed", at("2030-06-15T12:21:00Z")), // counted, though no connection lists it
    log(c.crmOne, "used", at("2030-06-15T12:22:00Z")), // not a refresh
    log(c.crmOne, "refreshed", at("2030-06-15T10:30:00Z")),
    log(c.crmOne, "refresh failed", at("2030-06-15T10:31:00Z"), "warn"),
    log(c.crmThree, "refresh failed", at("2030-06-15T09:30:00Z"), "warn"),
    log(c.crmThree, "re-authorization needed", at("2030-06-15T09:35:00Z"), "error"),
    log(c.shared, "refreshed", at("2030-06-14T13:00:00Z")), // the chart's first instant
    log(c.shared, "refreshed", at("2030-06-14T12:59:59Z")), // just before the day
    log(c.shared, "refreshed", at("2030-06-15T13:00:00Z")), // the chart's end, excluded
  ]);
  return { organizationId, instance, credential: c };
}

beforeAll(async () => {
  db = await getDb();
  a = await makeFixture("Dash A");
  b = await makeFixture("Dash B");
  // A row of organization B that names A's credential: it must never count for A nor list A's connections in B.
  await db.insert(connectionLogs).values({
    organizationId: b.organizationId,
    credentialId: a.credential.crmOne,
    level: "error",
    event: "refresh failed",
    message: "x",
    createdAt: at("2030-06-15T08:10:00Z"),
  });
});

describe("connection health dashboard", () => {
  it("counts connections by status, unconfigured ones included", async () => {
    expect(await statusCounts(db, a.organizationId)).toEqual({ green: 3, yellow: 1, red: 4 });
    expect(await statusCounts(db, b.organizationId)).toEqual({ green: 3, yellow: 1, red: 4 });
  });

  it("lists the connections behind a status with instance, customer, label and reason", async () => {
    const { rows, more } = await listConnections(db, a.organizationId, { kind: "status", status: "red" }, NOW);
    expect(more).toBe(false);
    expect(rows.map((r) => [r.instanceName, r.connectionKey, r.reason])).toEqual([
      ["Dash A instance four", "crm", "Not configured yet"],
      ["Dash A instance three", "crm", "Re-authorization needed: the provider refused the refresh token"],
      ["Dash A instance two", "files", "Missing: Client secret"],
      ["Dash A instance one", "files", "Not configured yet"],
    ]);
    expect(rows[0]).toMatchObject({
      instanceId: a.instance.four,
      customerName: "Dash A customer",
      connectionLabel: "CRM account",
      status: "red",
    });
    const green = await listConnections(db, a.organizationId, { kind: "status", status: "green" }, NOW);
    expect(green.rows.map((r) => `${r.instanceId}/${r.connectionKey}`)).toEqual([
      `${a.instance.four}/files`,
      `${a.instance.three}/files`,
      `${a.instance.one}/crm`,
    ]);
    expect(green.rows.every((r) => r.reason === null)).toBe(true);
    const limited = await listConnections(db, a.organizationId, { kind: "all" }, NOW, 5);
    expect([limited.rows.length, limited.more]).toEqual([5, true]);
  });

  it("puts each connection's token in one expiry bucket, seen from now", async () => {
    expect(await expiryCounts(db, a.organizationId, NOW)).toEqual({
      reauthorize: 1,
      expired: 1,
      "1h": 1,
      "6h": 2,
      "24h": 1,
      later: 0,
    });
    // An hour on, the token due at 13:30 has expired too; the shared one is still 1–6 hours away.
    expect(await expiryCounts(db, a.organizationId, minutes(61))).toEqual({
      reauthorize: 1,
      expired: 2,
      "1h": 0,
      "6h": 2,
      "24h": 1,
      later: 0,
    });
    const inSixHours = await listConnections(db, a.organizationId, { kind: "expiry", bucket: "6h" }, NOW);
    expect(inSixHours.rows.map((r) => r.instanceId)).toEqual([a.instance.four, a.instance.three]);
    expect(inSixHours.rows[0]).toMatchObject({
      connectionKey: "files",
      tokenExpiresAt: minutes(180).toISOString(),
      refreshable: true,
    });
    const reauthorize = await listConnections(db, a.organizationId, { kind: "expiry", bucket: "reauthorize" }, NOW);
    expect(reauthorize.rows).toEqual([
      expect.objectContaining({
        instanceId: a.instance.three,
        connectionKey: "crm",
        needsReauthorization: true,
        consecutiveFailures: 1,
      }),
    ]);
    const withinHour = await listConnections(db, a.organizationId, { kind: "expiry", bucket: "1h" }, NOW);
    expect(withinHour.rows).toEqual([
      expect.objectContaining({
        instanceId: a.instance.one,
        connectionKey: "crm",
        nextRefreshAt: minutes(55).toISOString(),
      }),
    ]);
    const expired = await listConnections(db, a.organizationId, { kind: "expiry", bucket: "expired" }, NOW);
    expect(expired.rows).toEqual([
      expect.objectContaining({ instanceId: a.instance.two, connectionKey: "crm", refreshable: false }),
    ]);
  });

  it("buckets refresh successes and failures of the last day by hour", async () => {
    const hours = await refreshHistory(db, a.organizationId, NOW);
    expect(hours).toHaveLength(24);
    expect(hours[0]).toEqual({ start: "2030-06-14T13:00:00.000Z", refreshed: 1, failed: 0 });
    expect(hours[23]).toEqual({ start: "2030-06-15T12:00:00.000Z", refreshed: 2, failed: 0 });
    expect(hours[21]).toEqual({ start: "2030-06-15T10:00:00.000Z", refreshed: 1, failed: 1 });
    expect(hours[20]).toEqual({ start: "2030-06-15T09:00:00.000Z", refreshed: 0, failed: 2 });
    const nonEmpty = hours.filter((h) => h.refreshed + h.failed > 0).map((h) => h.start.slice(11, 13));
    expect(nonEmpty).toEqual(["13", "09", "10", "12"]);
    expect(hours.reduce((n, h) => n + h.refreshed, 0)).toBe(4);
    expect(hours.reduce((n, h) => n + h.failed, 0)).toBe(3);
  });

  it("lists the connections whose credential had a refresh in an hour or over the day", async () => {
    const hour = (iso: string) => ({ kind: "refresh" as const, outcome: "any" as const, hour: at(iso) });
    const current = await listConnections(db, a.organizationId, hour("2030-06-15T12:00:00Z"), NOW);
    // The unbound credential's refresh is in the chart but behind no connection.
    expect(current.rows).toEqual([
      expect.objectContaining({ instanceId: a.instance.one, connectionKey: "crm", refreshCount: 1, failureCount: 0 }),
    ]);
    const first = await listConnections(db, a.organizationId, hour("2030-06-14T13:00:00Z"), NOW);
    expect(first.rows.map((r) => `${r.instanceId}/${r.connectionKey}`)).toEqual([
      `${a.instance.four}/files`,
      `${a.instance.three}/files`,
    ]);
    const failed = await listConnections(db, a.organizationId, { kind: "refresh", outcome: "failed", hour: null }, NOW);
    expect(failed.rows.map((r) => [r.instanceId, r.connectionKey, r.failureCount])).toEqual([
      [a.instance.three, "crm", 2],
      [a.instance.one, "crm", 1],
    ]);
    const refreshed = await listConnections(
      db,
      a.organizationId,
      { kind: "refresh", outcome: "refreshed", hour: null },
      NOW,
    );
    expect(refreshed.rows.map((r) => [r.instanceId, r.connectionKey, r.refreshCount])).toEqual([
      [a.instance.four, "files", 1],
      [a.instance.three, "files", 1],
      [a.instance.one, "crm", 2],
    ]);
    const empty = await listConnections(
      db,
      a.organizationId,
      { kind: "refresh", outcome: "failed", hour: at("2030-06-15T12:00:00Z") },
      NOW,
    );
    expect(empty.rows).toEqual([]);
  });

  it("never counts or lists another organization's rows", async () => {
    // B's stray row names A's credential: it counts in B's own chart, lists nothing, and A's chart is untouched.
    const hoursB = await refreshHistory(db, b.organizationId, NOW);
    expect(hoursB.find((h) => h.start === "2030-06-15T08:00:00.000Z")).toEqual({
      start: "2030-06-15T08:00:00.000Z",
      refreshed: 0,
      failed: 1,
    });
    const hoursA = await refreshHistory(db, a.organizationId, NOW);
    expect(hoursA.find((h) => h.start === "2030-06-15T08:00:00.000Z")?.failed).toBe(0);
    expect(
      (
        await listConnections(
          db,
          b.organizationId,
          { kind: "refresh", outcome: "any", hour: at("2030-06-15T08:00:00Z") },
          NOW,
        )
      ).rows,
    ).toEqual([]);
    const all = await listConnections(db, a.organizationId, { kind: "all" }, NOW);
    expect(all.rows).toHaveLength(8);
    expect(all.rows.every((r) => r.instanceName.startsWith("Dash A ") && r.customerName === "Dash A customer")).toBe(
      true,
    );
    const everyInstanceOfA = new Set(Object.values(a.instance));
    for (const filter of [
      { kind: "expiry", bucket: "6h" },
      { kind: "refresh", outcome: "any", hour: null },
      { kind: "status", status: "red" },
    ] as const) {
      const { rows } = await listConnections(db, a.organizationId, filter, NOW);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => everyInstanceOfA.has(r.instanceId))).toBe(true);
    }
  });

  it("has no dashboard before the first instance, and one as soon as an instance exists", async () => {
    const [org] = await db
      .insert(organizations)
      .values({ name: "Empty", slug: `dash-empty-${randomUUID()}` })
      .returning();
    expect(await loadDashboard(db, org!.id, NOW)).toBeNull();
    const dashboard = await loadDashboard(db, a.organizationId, NOW);
    expect(dashboard?.statuses).toEqual({ green: 3, yellow: 1, red: 4 });
    expect(dashboard?.refreshes).toHaveLength(24);
  });
});
