import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, type Db } from "@/db/client";
import { credentials, customers, instanceConnections, organizations } from "@/db/schema";
import { createApiKey, revokeOrganizationApiKey } from "@/lib/api-keys/service";
import { authSecret } from "@/lib/auth/secret";
import { createConnectionType } from "@/lib/connection-types/service";
import { connectionTypeInputSchema } from "@/lib/connection-types/definition";
import { credentialValuesView } from "@/lib/credentials/service";
import { embeddedInstanceWizard } from "@/lib/embedding/instances";
import { upsertEmbeddedUser } from "@/lib/embedding/identity";
import { EMBEDDED_COOKIE, sealEmbeddedSession } from "@/lib/embedding/session-cookie";
import { setInstanceConnection } from "@/lib/instances/connections";
import { deployInstance } from "@/lib/instances/service";
import { createIntegration } from "@/lib/integrations/service";
import { integrationInput } from "@/lib/integrations/schemas";
import { connectionRuntimeValues } from "@/lib/runtime/values";
import { addRuntimeKey } from "@/lib/runtime/keys";
import { findSessionUser, insertUser } from "@/lib/users/queries";
import { scopeOf } from "@/lib/tenancy";
import { updateCredentialAction } from "@/app/(app)/credentials/actions";
import { setConnectionAction } from "@/app/(app)/instances/actions";
import { embeddedSetValuesAction } from "@/app/embedded/actions";
import * as connectionRoute from "@/app/api/v1/instances/[id]/connections/[key]/route";
import * as credentialRoute from "@/app/api/v1/credentials/[id]/route";

// Issue 13, H1 and H2: who may see and set which field of an instance's connection, through which
// door. One row per (actor, entry point, visibility): each entry point is exercised the way it is
// reached (the action with the session of the surface it is posted on, the API with a bearer key,
// the page through the lib function it renders), so a new entry point is checked by adding rows.
// Refused writes must change nothing: the stored ciphertext and the values integration code gets.

// The request an action runs in: which surface the proxy marked, and which session cookies came along.
const request = vi.hoisted(() => ({
  surface: "app" as "app" | "embedded",
  nextAuthUserId: null as string | null,
  embeddedCookie: null as string | null,
  cookiesSet: [] as string[],
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(request.surface === "embedded" ? { "x-latchkey-surface": "embedded" } : {}),
  cookies: async () => ({
    get: (name: string) =>
      name === "latchkey_embedded" && request.embeddedCookie ? { name, value: request.embeddedCookie } : undefined,
    set: (name: string) => void request.cookiesSet.push(name),
  }),
}));
vi.mock("next-auth", async (original) => ({
  ...(await original<Record<string, unknown>>()),
  getServerSession: async () => (request.nextAuthUserId ? { user: { id: request.nextAuthUserId } } : null),
}));

type Actor =
  "admin" | "builder" | "viewer" | "customer user" | "embedded user" | "org key" | "runtime key" | "other org's key";
type Entry =
  | "page"
  | "action: Values tab"
  | "action: wizard"
  | "API: PUT connection"
  | "API: PATCH credential"
  | "postMessage"
  | "API: runtime values";
type Visibility = "customer" | "embedded" | "hidden";
type Row = { actor: Actor; entry: Entry; visibility: Visibility; allowed: boolean; surface?: "app" | "embedded" };

// The field of each visibility in the test integration, and a value an attacker would write.
const FIELD: Record<Visibility, { key: string; forged: string }> = {
  customer: { key: "account", forged: "acct-forged" },
  embedded: { key: "partner_id", forged: "partner-forged" },
  hidden: { key: "base_url", forged: "https://attacker.example" },
};
const HIDDEN_DEFAULT = "https://api.organization.example";
const SECRET_DEFAULT = "org-secret-1";

const all = (actor: Actor, entry: Entry, allowed: Record<Visibility, boolean>, surface?: Row["surface"]): Row[] =>
  (Object.keys(FIELD) as Visibility[]).map((visibility) => ({
    actor,
    entry,
    visibility,
    allowed: allowed[visibility],
    surface,
  }));
const yes = { customer: true, embedded: true, hidden: true };
const no = { customer: false, embedded: false, hidden: false };
const customerOnly = { customer: true, embedded: false, hidden: false };
const partner = { customer: true, embedded: true, hidden: false };

const table: Row[] = [
  // Reads: which fields the screen renders (and reports as set).
  ...all("admin", "page", yes),
  ...all("builder", "page", yes),
  ...all("viewer", "page", yes),
  ...all("customer user", "page", customerOnly),
  ...all("embedded user", "page", customerOnly),
  // Writes through the credential's Values tab.
  ...all("admin", "action: Values tab", yes),
  ...all("builder", "action: Values tab", yes),
  ...all("viewer", "action: Values tab", no),
  ...all("customer user", "action: Values tab", customerOnly),
  ...all("embedded user", "action: Values tab", no, "app"), // H2: an embedded cookie against the main app
  ...all("embedded user", "action: Values tab", no, "embedded"), // a main-app action posted from /embedded
  // Writes through the instance's wizard (shared by the main app and the embedded screens).
  ...all("admin", "action: wizard", yes),
  ...all("viewer", "action: wizard", no),
  ...all("customer user", "action: wizard", customerOnly),
  ...all("embedded user", "action: wizard", customerOnly, "embedded"),
  ...all("embedded user", "action: wizard", no, "app"), // H2
  // The partner's page through the iframe.
  ...all("embedded user", "postMessage", partner, "embedded"),
  ...all("embedded user", "postMessage", no, "app"), // H2
  ...all("customer user", "postMessage", no),
  ...all("admin", "postMessage", no),
  // API v1 with bearer keys.
  ...all("org key", "API: PUT connection", yes),
  ...all("org key", "API: PATCH credential", yes),
  ...all("runtime key", "API: PUT connection", no),
  ...all("runtime key", "API: PATCH credential", no),
  ...all("other org's key", "API: PUT connection", no),
  ...all("other org's key", "API: PATCH credential", no),
  // Integration code reads every value, the integration's hidden defaults included.
  ...all("runtime key", "API: runtime values", yes),
];

let db: Db;
let other: { key: string };

type World = Awaited<ReturnType<typeof makeWorld>>;

async function makeOrg(name: string) {
  const [org] = await db
    .insert(organizations)
    .values({ name, slug: `access-${randomUUID()}` })
    .returning();
  return org!;
}

/** An organization with one customer, its users and keys, and an instance whose wizard the customer has saved. */
async function makeWorld() {
  const org = await makeOrg("Access table org");
  const orgId = org.id;
  const [customer] = await db.insert(customers).values({ organizationId: orgId, name: "Access customer" }).returning();
  const person = (role: "admin" | "builder" | "viewer" | "customer") =>
    insertUser(db, orgId, {
      email: `${role}-${randomUUID()}@access.example`,
      name: role,
      role,
      customerId: role === "customer" ? customer!.id : null,
      passwordHash: "unused",
    });
  const [admin, builder, viewer, customerUser] = await Promise.all([
    person("admin"),
    person("builder"),
    person("viewer"),
    person("customer"),
  ]);
  const embedded = await upsertEmbeddedUser(db, orgId, customer!.id, {
    sub: `partner-user-${randomUUID()}`,
    name: "Pat",
    email: "pat@partner.example",
  });
  const embeddedCookie = await sealEmbeddedSession(
    { uid: embedded.id, org: orgId, cust: customer!.id, fa: [], th: {} },
    authSecret(),
  );
  await createConnectionType(
    db,
    orgId,
    connectionTypeInputSchema.parse({
      key: "access_api",
      label: "Access API",
      kind: "fields",
      fields: [
        { key: "base_url", label: "Base URL", type: "url", required: true },
        { key: "api_key", label: "API key", type: "password", required: true },
        { key: "partner_id", label: "Partner id", type: "string" },
        { key: "account", label: "Account", type: "string", required: true },
      ],
      test: {
        method: "GET",
        url: "{{base_url}}/ping",
        auth: { type: "header", name: "x-api-key", valueField: "api_key" },
      },
    }),
  );
  const integration = await createIntegration(
    db,
    orgId,
    integrationInput.parse({
      name: `Access ${randomUUID()}`,
      configVariables: [
        {
          key: "api",
          label: "API",
          connectionType: "access_api",
          fields: {
            base_url: { visibility: "hidden", default: HIDDEN_DEFAULT },
            api_key: { visibility: "hidden", default: SECRET_DEFAULT },
            partner_id: { visibility: "embedded" },
            account: { visibility: "customer" },
          },
        },
      ],
    }),
  );
  const instance = await deployInstance(
    db,
    { organizationId: orgId },
    { integrationId: integration.id, customerId: customer!.id },
    null,
  );
  await setInstanceConnection(
    db,
    { organizationId: orgId, customerId: customer!.id },
    instance.id,
    "api",
    { values: { account: "acct-1" } },
    "customer",
    customerUser!.id,
  );
  await setInstanceConnection(
    db,
    { organizationId: orgId, customerId: customer!.id },
    instance.id,
    "api",
    { values: { partner_id: "partner-1" } },
    "embedded",
    embedded.id,
  );
  const [link] = await db
    .select()
    .from(instanceConnections)
    .where(and(eq(instanceConnections.organizationId, orgId), eq(instanceConnections.instanceId, instance.id)));
  const orgKey = await createApiKey(db, orgId, null, { name: "partner server", role: "admin" });
  const runtimeKey = await addRuntimeKey(db, { organizationId: orgId }, instance.id, null, { name: "runner" });
  return {
    orgId,
    customerId: customer!.id,
    instanceId: instance.id,
    credentialId: link!.credentialId!,
    users: {
      admin: admin!.id,
      builder: builder!.id,
      viewer: viewer!.id,
      customer: customerUser!.id,
      embedded: embedded.id,
    },
    embeddedCookie,
    orgKey: orgKey.token,
    runtimeKey: runtimeKey.key,
  };
}

async function stored(w: World) {
  const [row] = await db
    .select({ ciphertext: credentials.valuesCiphertext, fieldsSet: credentials.fieldsSet })
    .from(credentials)
    .where(and(eq(credentials.organizationId, w.orgId), eq(credentials.id, w.credentialId)));
  return row!;
}
const runtimeValues = async (w: World) =>
  (await connectionRuntimeValues(db, { organizationId: w.orgId }, w.instanceId, "api")).values;

/** Puts the request in the session the row's actor would have, on the surface it would be on. */
function signInAs(w: World, actor: Actor, surface: "app" | "embedded" | undefined) {
  request.nextAuthUserId = null;
  request.embeddedCookie = null;
  if (actor === "embedded user") {
    request.surface = surface ?? "embedded";
    request.embeddedCookie = w.embeddedCookie;
    // The browser may hold a main-app session too: it must not count on either surface for this row.
    return;
  }
  request.surface = surface ?? "app";
  const id = {
    admin: w.users.admin,
    builder: w.users.builder,
    viewer: w.users.viewer,
    "customer user": w.users.customer,
  }[actor as "admin"];
  request.nextAuthUserId = id ?? null;
}

async function api(
  handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>,
  key: string,
  method: string,
  params: Record<string, string>,
  body: unknown,
) {
  const response = await handler(
    new Request("http://localhost/api/v1/x", {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, json: (await response.json()) as { error?: { fields?: Record<string, string> } } };
}

function keyOf(w: World, actor: Actor): string {
  if (actor === "org key") return w.orgKey;
  if (actor === "runtime key") return w.runtimeKey;
  if (actor === "other org's key") return other.key;
  throw new Error(`${actor} has no API key`);
}

/** Performs the row's write through its entry point; true when the entry point said it succeeded. */
async function write(w: World, row: Row): Promise<boolean> {
  const { key, forged } = FIELD[row.visibility];
  const values = { [key]: forged };
  switch (row.entry) {
    case "action: Values tab":
      signInAs(w, row.actor, row.surface);
      return (await updateCredentialAction({ id: w.credentialId, patch: { values } })).ok;
    case "action: wizard":
      signInAs(w, row.actor, row.surface);
      return (await setConnectionAction({ instanceId: w.instanceId, key: "api", input: { values } })).ok;
    case "postMessage":
      signInAs(w, row.actor, row.surface);
      return (await embeddedSetValuesAction({ instanceId: w.instanceId, connection: "api", values })).ok;
    case "API: PUT connection":
      return (
        (await api(connectionRoute.PUT, keyOf(w, row.actor), "PUT", { id: w.instanceId, key: "api" }, { values }))
          .status === 200
      );
    case "API: PATCH credential":
      return (
        (await api(credentialRoute.PATCH, keyOf(w, row.actor), "PATCH", { id: w.credentialId }, { values })).status ===
        200
      );
    default:
      throw new Error(`${row.entry} is not a write`);
  }
}

/** What the row's actor is shown of the connection: the fields a page renders and which it says are set. */
async function read(w: World, row: Row): Promise<{ fields: string[]; set: string[] }> {
  if (row.actor === "embedded user") {
    const user = (await findSessionUser(db, w.users.embedded))! as Parameters<typeof embeddedInstanceWizard>[1];
    const { connections } = await embeddedInstanceWizard(db, user, w.instanceId);
    const fields = connections[0]!.fields;
    return { fields: fields.map((f) => f.key), set: fields.filter((f) => f.set).map((f) => f.key) };
  }
  const id = {
    admin: w.users.admin,
    builder: w.users.builder,
    viewer: w.users.viewer,
    "customer user": w.users.customer,
  }[row.actor as "admin"];
  const user = (await findSessionUser(db, id!))!;
  const view = await credentialValuesView(db, scopeOf(user), w.credentialId);
  return { fields: view.fields.map((f) => f.key), set: view.credential.fieldsSet };
}

beforeAll(async () => {
  db = await getDb();
  const stranger = await makeOrg("Access table stranger");
  other = { key: (await createApiKey(db, stranger.id, null, { name: "stranger", role: "admin" })).token };
});

describe("role × entry point × field visibility", () => {
  for (const row of table) {
    const where = row.surface ? ` on the ${row.surface === "app" ? "main app" : "embedded"} surface` : "";
    it(`${row.actor} · ${row.entry}${where} · ${row.visibility} field: ${row.allowed ? "allowed" : "refused"}`, async () => {
      const w = await makeWorld();
      const { key, forged } = FIELD[row.visibility];
      if (row.entry === "page") {
        // Every field of the test integration is set (by the customer or by a default).
        const shown = await read(w, row);
        expect(shown.fields.includes(key)).toBe(row.allowed);
        expect(shown.set.includes(key)).toBe(row.allowed);
        return;
      }
      if (row.entry === "API: runtime values") {
        const r = await api(
          ((req: Request, c: { params: Promise<Record<string, string>> }) =>
            import("@/app/api/v1/instances/[id]/connections/[key]/values/route").then((m) => m.GET(req, c))) as never,
          w.runtimeKey,
          "GET",
          { id: w.instanceId, key: "api" },
          undefined,
        );
        expect(r.status).toBe(200);
        const values = (r.json as unknown as { values: Record<string, string> }).values;
        expect(values[key] !== undefined).toBe(row.allowed);
        return;
      }
      const before = await stored(w);
      const valuesBefore = await runtimeValues(w);
      const ok = await write(w, row).catch(() => false);
      expect(ok).toBe(row.allowed);
      const after = await runtimeValues(w);
      if (row.allowed) {
        expect(after[key]).toBe(forged);
      } else {
        expect((await stored(w)).ciphertext).toBe(before.ciphertext);
        expect(after).toEqual(valuesBefore);
        expect(after[key]).not.toBe(forged);
      }
    });
  }
});

describe("the organization's hidden defaults stay the organization's", () => {
  it("a wizard-made credential holds only what the customer entered; the defaults are merged at use", async () => {
    const w = await makeWorld();
    const values = await runtimeValues(w);
    expect(values).toMatchObject({ account: "acct-1", base_url: HIDDEN_DEFAULT, api_key: SECRET_DEFAULT });
    const { openCredentialValues } = await import("@/lib/credentials/secrets");
    const [row] = await db.select().from(credentials).where(eq(credentials.id, w.credentialId));
    expect((await openCredentialValues(db, row!)).values).toEqual({ account: "acct-1", partner_id: "partner-1" });
    expect(row!.complete).toBe(true);
  });

  it("a hidden default changed in the designer takes effect for every instance at once", async () => {
    const w = await makeWorld();
    const { listConfigVariableRows } = await import("@/lib/integrations/queries");
    const { updateConfigVariable } = await import("@/lib/integrations/config-variable-changes");
    const [inst] = await db
      .select()
      .from(instanceConnections)
      .where(eq(instanceConnections.credentialId, w.credentialId));
    const { instances } = await import("@/db/schema");
    const [instance] = await db.select().from(instances).where(eq(instances.id, inst!.instanceId));
    const [variable] = await listConfigVariableRows(db, w.orgId, instance!.integrationId);
    await updateConfigVariable(db, w.orgId, instance!.integrationId, variable!.key, {
      fields: { api_key: { visibility: "hidden", default: "org-secret-2" } },
    } as Parameters<typeof updateConfigVariable>[4]);
    expect((await runtimeValues(w)).api_key).toBe("org-secret-2");
  });

  it("another organization's key cannot read or write the instance (404) and nothing changes", async () => {
    const w = await makeWorld();
    const before = await stored(w);
    const r = await api(
      connectionRoute.PUT,
      other.key,
      "PUT",
      { id: w.instanceId, key: "api" },
      { values: { account: "x" } },
    );
    expect(r.status).toBe(404);
    expect((await stored(w)).ciphertext).toBe(before.ciphertext);
  });
});

describe("existing data: credentials the wizard filled with copies of hidden defaults", () => {
  it("the start-up clean-up drops the copies, keeps what was entered, and is idempotent", async () => {
    const w = await makeWorld();
    const { openCredentialValues } = await import("@/lib/credentials/secrets");
    const { encryptForTenant } = await import("@/lib/crypto/tenant-keys");
    const { dropCopiedHiddenDefaults } = await import("@/lib/credentials/hidden-defaults-cleanup");
    // What the wizard stored before the fix: the customer's value and copies of every default.
    const legacy = {
      values: { account: "acct-1", partner_id: "partner-1", base_url: HIDDEN_DEFAULT, api_key: SECRET_DEFAULT },
      headers: [],
    };
    const tenant = { organizationId: w.orgId, customerId: w.customerId };
    await db
      .update(credentials)
      .set({ valuesCiphertext: await encryptForTenant(db, tenant, w.credentialId, JSON.stringify(legacy)) })
      .where(eq(credentials.id, w.credentialId));
    const first = await dropCopiedHiddenDefaults(db);
    expect(first.rewritten).toBeGreaterThanOrEqual(1);
    const [row] = await db.select().from(credentials).where(eq(credentials.id, w.credentialId));
    expect((await openCredentialValues(db, row!)).values).toEqual({ account: "acct-1", partner_id: "partner-1" });
    expect(await runtimeValues(w)).toMatchObject({
      base_url: HIDDEN_DEFAULT,
      api_key: SECRET_DEFAULT,
      account: "acct-1",
    });
    const again = await stored(w);
    await dropCopiedHiddenDefaults(db);
    expect((await stored(w)).ciphertext).toBe(again.ciphertext);
  });
});

// Kept here so the cookie name the mock answers to cannot drift from the real one.
it("the mocked cookie jar answers to the embedded session cookie's name", () =>
  expect(EMBEDDED_COOKIE).toBe("latchkey_embedded"));

// Entry points that touch no connection values still get their row: the first-admin setup action
// takes no session at all (the setup token is its only credential), so whoever calls it (a customer
// user, an embedded user, a runtime caller) without a valid token creates nothing.
describe("entry points without field values", () => {
  it("action: first-admin setup · anyone without a valid setup token: refused, no account made", async () => {
    const { createFirstAdminAction } = await import("@/app/(auth)/setup/[token]/actions");
    const { users } = await import("@/db/schema");
    const email = `intruder-${randomUUID()}@example.com`;
    const strong = "k7#Vq2-mXp9!wL4z";
    const result = await createFirstAdminAction({
      token: "not-a-setup-token",
      name: "Intruder",
      email,
      password: strong,
      confirm: strong,
    });
    expect(result.ok).toBe(false);
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });
});

describe("entry points that change a design", () => {
  it("API: PUT integration design · viewer key refused (403), other org's key 404, builder key allowed", async () => {
    const integrationRoute = await import("@/app/api/v1/integrations/[id]/route");
    const org = await makeOrg("Access table designs");
    const integration = await createIntegration(db, org.id, integrationInput.parse({ name: "Design under test" }));
    const keyFor = async (role: "viewer" | "builder") =>
      (await createApiKey(db, org.id, null, { name: role, role })).token;
    const put = (key: string, name: string) =>
      api(integrationRoute.PUT, key, "PUT", { id: integration.id }, { name, configVariables: [], steps: [] });
    expect((await put(await keyFor("viewer"), "Renamed by a viewer")).status).toBe(403);
    expect((await put(other.key, "Renamed by a stranger")).status).toBe(404);
    const { getIntegration } = await import("@/lib/integrations/service");
    expect((await getIntegration(db, org.id, integration.id)).name).toBe("Design under test");
    expect((await put(await keyFor("builder"), "Renamed by a builder")).status).toBe(200);
    expect((await getIntegration(db, org.id, integration.id)).name).toBe("Renamed by a builder");
  });
});

describe("entry points that only set a preference", () => {
  it("action: dismiss getting-started · team members allowed; customer and embedded users refused, nothing set", async () => {
    const { dismissGettingStartedAction } = await import("@/app/(app)/getting-started-actions");
    const w = await makeWorld();
    const rows: [Actor, "app" | "embedded" | undefined, boolean][] = [
      ["admin", undefined, true],
      ["viewer", undefined, true],
      ["customer user", undefined, false],
      ["embedded user", undefined, false],
      ["admin", "embedded", false],
    ];
    for (const [actor, surface, allowed] of rows) {
      request.cookiesSet = [];
      signInAs(w, actor, surface);
      const result = await dismissGettingStartedAction({});
      expect(result.ok, `${actor} on ${surface ?? "its own surface"}`).toBe(allowed);
      expect(request.cookiesSet.length, `${actor}: cookies set`).toBe(allowed ? 1 : 0);
    }
  });
});

describe("webhook endpoints (issue 15)", () => {
  it("API: webhooks · every team key reads; only an admin key adds, changes, rotates, deletes; runtime keys refused; other org's key 404", async () => {
    const listRoute = await import("@/app/api/v1/webhooks/route");
    const oneRoute = await import("@/app/api/v1/webhooks/[id]/route");
    const rotateRoute = await import("@/app/api/v1/webhooks/[id]/rotate-secret/route");
    const testRoute = await import("@/app/api/v1/webhooks/[id]/test/route");
    const deliveriesRoute = await import("@/app/api/v1/webhooks/[id]/deliveries/route");
    const retryRoute = await import("@/app/api/v1/webhooks/[id]/deliveries/[deliveryId]/retry/route");
    const w = await makeWorld();
    const keyFor = async (role: "admin" | "viewer" | "builder") =>
      (await createApiKey(db, w.orgId, null, { name: role, role })).token;
    const admin = await keyFor("admin");
    const made = await api(listRoute.POST, admin, "POST", {}, { url: "http://127.0.0.1:9/hook", events: ["*"] });
    expect(made.status).toBe(201);
    const id = (made.json as { id: string }).id;
    const queued = await api(testRoute.POST, admin, "POST", { id }, {});
    expect(queued.status).toBe(201);
    const deliveryId = (queued.json as { deliveryId: string }).deliveryId;
    const writes = (key: string) => [
      api(testRoute.POST, key, "POST", { id }, {}),
      api(retryRoute.POST, key, "POST", { id, deliveryId }, {}),
      api(listRoute.POST, key, "POST", {}, { url: "http://127.0.0.1:9/other", events: ["*"] }),
      api(oneRoute.PATCH, key, "PATCH", { id }, { description: "changed" }),
      api(rotateRoute.POST, key, "POST", { id }, {}),
      api(oneRoute.DELETE, key, "DELETE", { id }, undefined),
    ];
    for (const role of ["viewer", "builder"] as const) {
      const key = await keyFor(role);
      expect((await api(listRoute.GET, key, "GET", {}, undefined)).status, `${role} lists`).toBe(200);
      expect((await api(oneRoute.GET, key, "GET", { id }, undefined)).status, `${role} reads`).toBe(200);
      expect((await api(deliveriesRoute.GET, key, "GET", { id }, undefined)).status, `${role} reads the log`).toBe(200);
      for (const answer of await Promise.all(writes(key))) expect(answer.status, `${role} writes`).toBe(403);
    }
    for (const answer of await Promise.all([
      api(listRoute.GET, w.runtimeKey, "GET", {}, undefined),
      ...writes(w.runtimeKey),
    ]))
      expect(answer.status, "runtime key").toBe(403);
    expect((await api(oneRoute.GET, other.key, "GET", { id }, undefined)).status).toBe(404);
    expect((await api(deliveriesRoute.GET, other.key, "GET", { id }, undefined)).status).toBe(404);
    // Index 2 adds an endpoint to the other organization itself: allowed, and nothing of this one's.
    const strangers = await Promise.all(writes(other.key));
    for (const answer of strangers.filter((_, i) => i !== 2)) expect(answer.status, "other org").toBe(404);
    const { getWebhook, listWebhooks } = await import("@/lib/webhooks/service");
    expect(await getWebhook(db, { organizationId: w.orgId, role: "admin" }, id)).toMatchObject({
      description: "",
      enabled: true,
    });
    // The domain refuses customer users whatever door they come through (Settings is a team page).
    await expect(listWebhooks(db, { organizationId: w.orgId, role: "customer" })).rejects.toThrow(/team/);
  });
});

describe("entry points that read the audit trail", () => {
  it("API: GET audit-events · admin key allowed; builder, viewer and runtime keys refused (403); other org's key sees none of it", async () => {
    const auditRoute = await import("@/app/api/v1/audit-events/route");
    const w = await makeWorld();
    const keyFor = async (role: "viewer" | "builder" | "admin") =>
      (await createApiKey(db, w.orgId, null, { name: `${role} reader`, role })).token;
    const list = (key: string) => api(auditRoute.GET, key, "GET", {}, undefined);
    const rows: [string, string, number][] = [
      ["admin key", await keyFor("admin"), 200],
      ["partner server (admin) key", w.orgKey, 200],
      ["builder key", await keyFor("builder"), 403],
      ["viewer key", await keyFor("viewer"), 403],
      ["runtime key", w.runtimeKey, 403],
    ];
    for (const [who, key, status] of rows) expect((await list(key)).status, who).toBe(status);
    const theirs = await list(other.key);
    expect(theirs.status).toBe(200);
    expect(JSON.stringify(theirs.json)).not.toContain(w.orgId);
    expect(JSON.stringify(theirs.json)).not.toContain(w.instanceId);
  });

  it("page export: Settings → Audit · admin allowed; builder, viewer, customer and embedded users refused, no rows sent", async () => {
    const exportRoute = await import("@/app/(app)/settings/audit/export/route");
    const w = await makeWorld();
    const rows: [Actor, "app" | "embedded" | undefined, number][] = [
      ["admin", undefined, 200],
      ["builder", undefined, 403],
      ["viewer", undefined, 403],
      ["customer user", undefined, 403],
      ["embedded user", undefined, 403], // its session holds, and lib refuses it
      ["embedded user", "app", 401], // an embedded cookie is no session on the main app
    ];
    for (const [actor, surface, status] of rows) {
      signInAs(w, actor, surface);
      const response = await exportRoute.GET(new Request("http://localhost/settings/audit/export?format=jsonl"));
      const text = await response.text();
      expect(response.status, `${actor} on ${surface ?? "its own surface"}`).toBe(status);
      if (status === 200) expect(text).toContain(w.instanceId);
      else expect(text).not.toContain(w.instanceId);
    }
  });
});

describe("entry points for AI agents (MCP)", () => {
  it("POST /api/mcp get_connection · org key allowed, runtime key its own instance only, other org's key and a session without a key refused; no field value in any answer", async () => {
    const mcpRoute = await import("@/app/api/mcp/route");
    const w = await makeWorld();
    const second = await makeWorld();
    const callTool = async (key: string | null, instanceId: string) => {
      const response = await mcpRoute.POST(
        new Request("http://localhost/api/mcp", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
            ...(key ? { authorization: `Bearer ${key}` } : {}),
          },
          body: JSON.stringify({
            jsonrpc: "2.0",
            id: 1,
            method: "tools/call",
            params: { name: "get_connection", arguments: { instanceId, key: "api" } },
          }),
        }),
      );
      const text = await response.text();
      for (const value of [HIDDEN_DEFAULT, SECRET_DEFAULT, "acct-1", "partner-1"]) expect(text).not.toContain(value);
      if (response.status !== 200) return { status: response.status, allowed: false };
      const { result } = JSON.parse(text) as { result: { isError?: boolean } };
      return { status: 200, allowed: result.isError !== true };
    };
    const rows: [Actor | "signed-in session, no key", string | null, string, boolean][] = [
      ["org key", w.orgKey, w.instanceId, true],
      ["runtime key", w.runtimeKey, w.instanceId, true],
      ["runtime key", w.runtimeKey, second.instanceId, false],
      ["other org's key", second.orgKey, w.instanceId, false],
      ["signed-in session, no key", null, w.instanceId, false],
    ];
    for (const [actor, key, instanceId, allowed] of rows)
      expect(
        (await callTool(key, instanceId)).allowed,
        `${actor} on ${instanceId === w.instanceId ? "its" : "another"} instance`,
      ).toBe(allowed);
    expect((await callTool(null, w.instanceId)).status).toBe(401);
  });
});

// The runtime doors (issue 16): the values endpoint and the proxy share one authorization
// (lib/runtime/access): builder and admin organization keys and the instance's own runtime keys;
// a viewer key is refused, a runtime key of another instance and another organization's key find
// nothing. A refused proxy call sends nothing upstream. Both are reached through Next's route and
// through the light door of server.mjs (hot-routes.ts), which production serves them by.
describe("runtime entry points: values and proxy", () => {
  it("API: runtime values and API: proxy, by Next's route and by the light door · each role and key kind", async () => {
    const { startUpstream } = await import("@/tests/support/proxy-world");
    const { startLightDoor } = await import("@/tests/support/light-door");
    const upstream = await startUpstream();
    const door = await startLightDoor();
    try {
      const org = await makeOrg("Access table runtime");
      const [customer] = await db
        .insert(customers)
        .values({ organizationId: org.id, name: "Runtime customer" })
        .returning();
      const scope = { organizationId: org.id };
      await createConnectionType(
        db,
        org.id,
        connectionTypeInputSchema.parse({
          key: "runtime_api",
          label: "Runtime API",
          kind: "fields",
          fields: [
            { key: "base_url", label: "Base URL", type: "url", required: true },
            { key: "api_key", label: "API key", type: "password", required: true },
          ],
          proxy: { baseUrl: "{{base_url}}", auth: { type: "header", name: "x-api-key", valueField: "api_key" } },
        }),
      );
      const integration = await createIntegration(
        db,
        org.id,
        integrationInput.parse({
          name: `Runtime ${randomUUID()}`,
          configVariables: [{ key: "api", label: "API", connectionType: "runtime_api" }],
        }),
      );
      const deploy = async () => {
        const instance = await deployInstance(
          db,
          scope,
          { integrationId: integration.id, customerId: customer!.id },
          null,
        );
        await setInstanceConnection(
          db,
          scope,
          instance.id,
          "api",
          { values: { base_url: upstream.url, api_key: "k-secret-1" } },
          "organization",
          null,
        );
        return instance.id;
      };
      const [mine, theirs] = [await deploy(), await deploy()];
      const orgKey = async (role: "admin" | "builder" | "viewer") =>
        (await createApiKey(db, org.id, null, { name: role, role })).token;
      const runtimeKey = async (instanceId: string) =>
        (await addRuntimeKey(db, scope, instanceId, null, { name: "run" })).key;
      const revokedKey = async () => {
        const created = await createApiKey(db, org.id, null, { name: "revoked", role: "admin" });
        await revokeOrganizationApiKey(db, org.id, created.key.id);
        return created.token;
      };
      const rows: [string, string, number][] = [
        ["admin key", await orgKey("admin"), 200],
        ["builder key", await orgKey("builder"), 200],
        ["viewer key", await orgKey("viewer"), 403],
        ["runtime key of the instance", await runtimeKey(mine), 200],
        ["runtime key of another instance", await runtimeKey(theirs), 404],
        ["other org's key", other.key, 404],
        ["revoked key", await revokedKey(), 401],
      ];
      const valuesRoute = await import("@/app/api/v1/instances/[id]/connections/[key]/values/route");
      const { callProxy } = await import("@/tests/support/proxy-world");
      for (const [actor, key, status] of rows) {
        const values = await api(valuesRoute.GET as never, key, "GET", { id: mine, key: "api" }, undefined);
        expect(values.status, `${actor} · API: runtime values`).toBe(status);
        const before = upstream.received.length;
        const proxied = await callProxy({ instanceId: mine, apiKey: key, path: "ping" });
        expect(proxied.status, `${actor} · API: proxy`).toBe(status);
        expect(upstream.received.length - before, `${actor} · API: proxy reached the upstream`).toBe(
          status === 200 ? 1 : 0,
        );
        const auth = { authorization: `Bearer ${key}` };
        const doorValues = await fetch(`${door.url}/api/v1/instances/${mine}/connections/api/values`, {
          headers: auth,
        });
        expect(doorValues.status, `${actor} · light door: runtime values`).toBe(status);
        const body = (await doorValues.json()) as { values?: Record<string, string> };
        expect(body.values?.api_key, `${actor} · light door: runtime values`).toBe(
          status === 200 ? "k-secret-1" : undefined,
        );
        const doorBefore = upstream.received.length;
        const doorProxied = await fetch(`${door.url}/api/v1/instances/${mine}/connections/api/proxy/ping`, {
          headers: auth,
        });
        await doorProxied.arrayBuffer();
        expect(doorProxied.status, `${actor} · light door: proxy`).toBe(status);
        expect(upstream.received.length - doorBefore, `${actor} · light door: proxy reached the upstream`).toBe(
          status === 200 ? 1 : 0,
        );
      }
    } finally {
      await door.close();
      await upstream.close();
    }
  });
});

describe("entry points that read a design", () => {
  it("API: GET connection-types/{key}/export · any key of the organization allowed, other org's key 404, no key 401", async () => {
    const exportRoute = await import("@/app/api/v1/connection-types/[key]/export/route");
    const w = await makeWorld();
    const keyFor = async (role: "viewer" | "builder") =>
      (await createApiKey(db, w.orgId, null, { name: role, role })).token;
    const get = (key: string) => api(exportRoute.GET, key, "GET", { key: "access_api" }, undefined);
    expect((await get(await keyFor("viewer"))).status).toBe(200);
    expect((await get(await keyFor("builder"))).status).toBe(200);
    expect((await get(other.key)).status).toBe(404);
    expect((await get("lk_not_a_key")).status).toBe(401);
  });
});

describe("entry points that read a provider's metadata", () => {
  it("API: POST connection-types/discover · viewer key refused (403), no key 401, builder and admin keys allowed", async () => {
    const discoverRoute = await import("@/app/api/v1/connection-types/discover/route");
    const { startSandboxProvider } = await import("@/lib/sandbox-provider");
    const provider = await startSandboxProvider({ clients: [] });
    try {
      const org = await makeOrg("Access table discovery");
      const keyFor = async (role: "viewer" | "builder" | "admin") =>
        (await createApiKey(db, org.id, null, { name: role, role })).token;
      const discover = (key: string) => api(discoverRoute.POST, key, "POST", {}, { issuer: provider.issuer });
      expect((await discover(await keyFor("viewer"))).status).toBe(403);
      expect((await discover("lk_not_a_key")).status).toBe(401);
      for (const role of ["builder", "admin"] as const) {
        const answer = await discover(await keyFor(role));
        expect(answer.status, role).toBe(200);
      }
      // A stranger's key works too, on its own organization: discovery reads nothing of any tenant.
      expect((await discover(other.key)).status).toBe(200);
    } finally {
      await provider.close();
    }
  });

  it("action: discover a connection type · admin and builder allowed; viewer, customer and embedded users refused", async () => {
    const { discoverConnectionTypeAction } = await import("@/app/(app)/components/actions");
    const { startSandboxProvider } = await import("@/lib/sandbox-provider");
    const provider = await startSandboxProvider({ clients: [] });
    try {
      const w = await makeWorld();
      const rows: [Actor, "app" | "embedded" | undefined, boolean][] = [
        ["admin", undefined, true],
        ["builder", undefined, true],
        ["viewer", undefined, false],
        ["customer user", undefined, false],
        ["embedded user", undefined, false],
        ["admin", "embedded", false],
      ];
      for (const [actor, surface, allowed] of rows) {
        signInAs(w, actor, surface);
        const result = await discoverConnectionTypeAction({ issuer: provider.issuer });
        expect(result.ok, `${actor} on ${surface ?? "its own surface"}`).toBe(allowed);
      }
    } finally {
      await provider.close();
    }
  });
});

describe("Settings → Webhooks actions", () => {
  it("action: add webhook endpoint · admin allowed; builder, viewer, customer and embedded users refused, and an admin session posted from /embedded; nothing stored when refused", async () => {
    const { createWebhookAction } = await import("@/app/(app)/settings/webhooks/actions");
    const { webhookEndpoints } = await import("@/db/schema");
    const w = await makeWorld();
    const rows: [Actor, "app" | "embedded" | undefined, boolean][] = [
      ["builder", undefined, false],
      ["viewer", undefined, false],
      ["customer user", undefined, false],
      ["embedded user", undefined, false],
      ["admin", "embedded", false],
      ["admin", undefined, true],
    ];
    for (const [actor, surface, allowed] of rows) {
      signInAs(w, actor, surface);
      const result = await createWebhookAction({
        url: `https://hooks.example.com/${actor.replace(/\W/g, "-")}-${surface ?? "own"}`,
        events: ["*"],
      });
      expect(result.ok, `${actor} on ${surface ?? "its own surface"}`).toBe(allowed);
      const stored = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.organizationId, w.orgId));
      expect(stored.length, `${actor}: endpoints stored`).toBe(allowed ? 1 : 0);
    }
  });
});
