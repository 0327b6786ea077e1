import { generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { SignJWT } from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, type Db } from "@/db/client";
import { customers, oauthStates, organizations, users } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/service";
import { allowedReturnTo, startEmbeddedConnect } from "@/lib/embedding/connect";
import { embeddedInstanceWizard } from "@/lib/embedding/instances";
import { openEmbeddedSession } from "@/lib/embedding/session-cookie";
import { addSigningKey } from "@/lib/embedding/signing-keys";
import { authSecret } from "@/lib/auth/secret";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { setInstanceConnection } from "@/lib/instances/connections";
import { findCredential } from "@/lib/credentials/queries";
import { updateOrganization } from "@/lib/organizations/queries";
import * as signInRoute from "@/app/embedded/sign-in/route";
import * as typesRoute from "@/app/api/v1/connection-types/route";
import * as integrationsRoute from "@/app/api/v1/integrations/route";
import * as instancesRoute from "@/app/api/v1/instances/route";
import * as instanceRoute from "@/app/api/v1/instances/[id]/route";
import * as connectionRoute from "@/app/api/v1/instances/[id]/connections/[key]/route";
import * as signingKeysRoute from "@/app/api/v1/organization/signing-keys/route";
import * as signingKeyRoute from "@/app/api/v1/organization/signing-keys/[id]/route";
import { log } from "@/lib/log";

// Issue 7 against a real database: the embedded sign-in route refuses every bad token with a clear
// page, no session cookie and a security log line; an embedded user stays inside its customer; the
// partner's server sets "embedded" fields through PUT /api/v1/instances/{id}/connections/{key}, and
// no other organization can touch them.

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Json = Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } };
type Org = { id: string; slug: string; adminKey: string; viewerKey: string };

const FRAME_ORIGIN = "https://partner.example";
let db: Db;
let a: Org;
let b: Org;
let keyA: { privateKey: KeyObject; kid: string };
const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });

async function makeOrg(name: string): Promise<Org> {
  const [org] = await db
    .insert(organizations)
    .values({ name, slug: `embed-${randomUUID()}` })
    .returning();
  const admin = await createApiKey(db, org!.id, null, { name: "admin", role: "admin" });
  const viewer = await createApiKey(db, org!.id, null, { name: "viewer", role: "viewer" });
  return { id: org!.id, slug: org!.slug, adminKey: admin.token, viewerKey: viewer.token };
}

async function call(
  handler: Handler,
  key: string,
  init: { method?: string; body?: unknown; rawBody?: string; params?: Record<string, string> } = {},
) {
  const request = new Request("http://localhost/api/v1/x", {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const response = await handler(request, { params: Promise.resolve(init.params ?? {}) });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    json: JSON.parse(text) as Json,
  };
}

/** A token as a partner signs it: every claim right unless overridden. */
function token(
  overrides: {
    claims?: Record<string, unknown>;
    header?: Record<string, unknown>;
    key?: KeyObject;
    exp?: number;
    nbf?: number;
    aud?: string;
    jti?: string;
  } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({
    customer: "cust-1",
    customer_name: "Customer One",
    name: "Pat",
    email: "pat@partner.example",
    role: "admin",
    ...overrides.claims,
  })
    .setProtectedHeader({ alg: "RS256", kid: keyA.kid, ...overrides.header })
    .setSubject("partner-user-1")
    .setAudience(overrides.aud ?? a.slug)
    .setIssuedAt(now)
    .setExpirationTime(overrides.exp ?? now + 300)
    .setJti(overrides.jti ?? randomUUID());
  if (overrides.nbf !== undefined) jwt.setNotBefore(overrides.nbf);
  return jwt.sign(overrides.key ?? keyA.privateKey);
}

function unsignedToken(): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part({ sub: "partner-user-1", customer: "cust-1", aud: a.slug, exp: now + 300, jti: randomUUID() })}.`;
}

// What the logger was handed: each line's message, then its fields.
function loggedLines(calls: unknown[][]): string {
  return calls.map(([fields, message]) => `${String(message)} ${JSON.stringify(fields)}`).join("\n");
}

async function signIn(jwt: string) {
  const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
  const response = await signInRoute.GET(
    new Request(`http://localhost/embedded/sign-in?token=${encodeURIComponent(jwt)}`),
  );
  const logged = loggedLines(warn.mock.calls);
  warn.mockRestore();
  return {
    status: response.status,
    cookie: response.headers.get("set-cookie"),
    location: response.headers.get("location"),
    csp: response.headers.get("content-security-policy") ?? "",
    html: await response.text(),
    logged,
  };
}

async function embeddedUsersOf(organizationId: string) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.embedded, true)));
}

beforeAll(async () => {
  db = await getDb();
  a = await makeOrg("Embedding Org A");
  b = await makeOrg("Embedding Org B");
  await updateOrganization(db, a.id, { allowedFrameOrigins: [FRAME_ORIGIN] });
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const added = await addSigningKey(
    db,
    a.id,
    { label: "partner 2026", publicKeyPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString() },
    null,
  );
  keyA = { privateKey: pair.privateKey, kid: added.keyId };
});

afterEach(() => vi.restoreAllMocks());

describe("embedded sign-in", () => {
  it("opens a partitioned session for a well-signed token, creating the customer and the embedded user", async () => {
    const r = await signIn(await token({ claims: { customer: "cust-ok" } }));
    expect(r.status).toBe(303);
    expect(r.location).toBe("/embedded");
    expect(r.csp).toBe(`frame-ancestors ${FRAME_ORIGIN}`);
    expect(r.cookie).toMatch(
      /^latchkey_embedded=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=None; Partitioned$/,
    );
    const session = await openEmbeddedSession(/^latchkey_embedded=([^;]+)/.exec(r.cookie!)![1], authSecret());
    const [customer] = await db
      .select()
      .from(customers)
      .where(and(eq(customers.organizationId, a.id), eq(customers.externalId, "cust-ok")));
    expect(customer?.name).toBe("Customer One");
    expect(session).toMatchObject({ org: a.id, cust: customer!.id, fa: [FRAME_ORIGIN] });
    expect(r.logged).toContain("embedded sign-in ");
  });

  const attacks: {
    name: string;
    make: () => Promise<string> | string;
    status: number;
    says: RegExp;
    reason: string;
  }[] = [
    {
      name: "an expired token",
      make: () => token({ exp: Math.floor(Date.now() / 1000) - 120 }),
      status: 401,
      says: /This sign-in has expired/,
      reason: "expired",
    },
    {
      name: "a token that is not valid yet (nbf)",
      make: () => token({ nbf: Math.floor(Date.now() / 1000) + 600 }),
      status: 401,
      says: /nbf or iat is in the future/,
      reason: "not_yet_valid",
    },
    {
      name: 'an unsigned token (alg "none")',
      make: unsignedToken,
      status: 401,
      says: /unsigned \(alg &#34;none&#34;\)/,
      reason: "unsigned",
    },
    {
      name: "a token signed with another key",
      make: () => token({ key: stranger.privateKey }),
      status: 401,
      says: /signature does not verify/,
      reason: "bad_signature",
    },
    {
      name: "a token for another organization (wrong aud)",
      make: () => token({ aud: b.slug }),
      status: 401,
      says: /organization named in aud matches the token&#39;s kid/,
      reason: "unknown_key",
    },
    {
      name: "a token that lives longer than an hour",
      make: () => token({ exp: Math.floor(Date.now() / 1000) + 3 * 3600 }),
      status: 401,
      says: /more than an hour ahead/,
      reason: "lifetime_too_long",
    },
    { name: "garbage", make: () => "not-a-jwt", status: 400, says: /not a compact JWS/, reason: "malformed" },
  ];

  for (const attack of attacks) {
    it(`refuses ${attack.name} with a clear page, no session and a log line`, async () => {
      const before = (await embeddedUsersOf(a.id)).length;
      const r = await signIn(await attack.make());
      expect(r.status).toBe(attack.status);
      expect(r.cookie).toBeNull();
      expect(r.html).toMatch(/<h1>(Sign-in refused|This sign-in has expired)<\/h1>/);
      expect(r.html).toMatch(attack.says);
      expect(r.logged).toContain("embedded sign-in refused");
      expect(r.logged).toContain(`"reason":"${attack.reason}"`);
      expect((await embeddedUsersOf(a.id)).length).toBe(before);
    });
  }

  it("signs in with a kid that another tenant registered first: the kid is looked up only in the organization named in aud", async () => {
    // A public key is public: another organization registers the partner's key before the partner's
    // own organization does, so the same kid exists twice and the squatter's row comes first.
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
    const squatter = await makeOrg("Embedding squatter");
    const victim = await makeOrg("Embedding victim");
    await updateOrganization(db, victim.id, { allowedFrameOrigins: [FRAME_ORIGIN] });
    const copy = await addSigningKey(db, squatter.id, { label: "copied", publicKeyPem: pem }, null);
    const own = await addSigningKey(db, victim.id, { label: "partner", publicKeyPem: pem }, null);
    expect(copy.keyId).toBe(own.keyId);
    const r = await signIn(
      await token({
        key: pair.privateKey,
        header: { kid: own.keyId },
        aud: victim.slug,
        claims: { customer: "cust-squatted" },
      }),
    );
    expect(r.logged).not.toContain("refused");
    expect(r.status).toBe(303);
    const session = await openEmbeddedSession(/^latchkey_embedded=([^;]+)/.exec(r.cookie!)![1], authSecret());
    expect(session).toMatchObject({ org: victim.id });
  });

  it("refuses a replayed jti: the second use of a token gets no session and a log line", async () => {
    const jwt = await token({ claims: { customer: "cust-replay" } });
    const first = await signIn(jwt);
    expect(first.status).toBe(303);
    const second = await signIn(jwt);
    expect(second.status).toBe(401);
    expect(second.cookie).toBeNull();
    expect(second.html).toContain("This sign-in was already used");
    expect(second.logged).toContain('"reason":"replayed"');
    // The refusal page may be framed by the organization that the token named, and only by it.
    expect(second.csp).toContain(`frame-ancestors ${FRAME_ORIGIN}`);
  });

  it("never puts the token in the page or the log", async () => {
    const jwt = await token({ key: stranger.privateKey });
    const r = await signIn(jwt);
    expect(r.html).not.toContain(jwt.split(".")[2]);
    expect(r.logged).not.toContain(jwt.split(".")[2]);
  });
});

describe("an embedded user stays inside its customer", () => {
  it("gets NotFound and a log line for another customer's instance, in the wizard and for CONNECT", async () => {
    const { instanceId: mine } = await deployPartnerIntegration(a, "cust-x");
    const { instanceId: theirs } = await deployPartnerIntegration(a, "cust-y");
    const [userRow] = await db
      .insert(users)
      .values({
        organizationId: a.id,
        customerId: (await customerOf(mine))!,
        externalId: "u-x",
        embedded: true,
        role: "customer",
        email: "",
        name: "X",
        passwordHash: "!embedded",
      })
      .returning();
    const user = { id: userRow!.id, organizationId: a.id, customerId: userRow!.customerId! };

    const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
    await expect(embeddedInstanceWizard(db, user, mine)).resolves.toMatchObject({ instance: { id: mine } });
    await expect(embeddedInstanceWizard(db, user, theirs)).rejects.toBeInstanceOf(NotFoundError);
    await expect(startEmbeddedConnect(db, user, theirs, "files", null)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      setInstanceConnection(
        db,
        { organizationId: a.id, customerId: user.customerId },
        theirs,
        "files",
        { values: { account_id: "x" } },
        "embedded",
        user.id,
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    const logged = loggedLines(warn.mock.calls);
    expect(logged.match(/embedded request refused/g)?.length).toBe(2);
    expect(logged).toContain(`"instance":${JSON.stringify(theirs)}`);
  });

  it("keeps the embedded field out of the customer's wizard; the partner's page may set it, never a hidden one", async () => {
    const { instanceId } = await deployPartnerIntegration(a, "cust-z");
    const customerId = (await customerOf(instanceId))!;
    const scope = { organizationId: a.id, customerId };
    const [userRow] = await db
      .insert(users)
      .values({
        organizationId: a.id,
        customerId,
        externalId: "u-z",
        embedded: true,
        role: "customer",
        email: "",
        name: "Z",
        passwordHash: "!embedded",
      })
      .returning();
    const wizard = await embeddedInstanceWizard(db, { id: userRow!.id, organizationId: a.id, customerId }, instanceId);
    expect(wizard.connections[0]!.fields.map((f) => f.key)).toEqual(["api_key"]);
    await setInstanceConnection(
      db,
      scope,
      instanceId,
      "files",
      { values: { account_id: "acct-1" } },
      "embedded",
      userRow!.id,
    );
    const refused = setInstanceConnection(
      db,
      scope,
      instanceId,
      "files",
      { values: { internal_note: "x" } },
      "embedded",
      userRow!.id,
    );
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({
      fields: { "values.internal_note": "This field is set by the organization" },
    });
    // A customer user may not set the partner's field either.
    await expect(
      setInstanceConnection(
        db,
        scope,
        instanceId,
        "files",
        { values: { api_key: "k", account_id: "y" } },
        "customer",
        userRow!.id,
      ),
    ).rejects.toMatchObject({ fields: { "values.account_id": expect.any(String) } });
  });

  it("starts an embedded CONNECT whose state is marked embedded, going back only to an allowed origin", async () => {
    expect(await allowedReturnTo(db, a.id, `${FRAME_ORIGIN}/settings/integrations#x`)).toBe(
      `${FRAME_ORIGIN}/settings/integrations`,
    );
    expect(await allowedReturnTo(db, a.id, "https://evil.example/")).toBeNull();
    expect(await allowedReturnTo(db, a.id, "javascript:alert(1)")).toBeNull();
    expect(await allowedReturnTo(db, b.id, `${FRAME_ORIGIN}/`)).toBeNull();
  });

  it("records an embedded CONNECT's state as embedded with its way back", async () => {
    const { instanceId } = await deployPartnerIntegration(a, "cust-oauth", true);
    const customerId = (await customerOf(instanceId))!;
    const [userRow] = await db
      .insert(users)
      .values({
        organizationId: a.id,
        customerId,
        externalId: "u-o",
        embedded: true,
        role: "customer",
        email: "",
        name: "O",
        passwordHash: "!embedded",
      })
      .returning();
    const started = await startEmbeddedConnect(
      db,
      { id: userRow!.id, organizationId: a.id, customerId },
      instanceId,
      "files",
      `${FRAME_ORIGIN}/app`,
    );
    expect(new URL(started.url).origin).toBe("https://auth.partner-provider.example");
    const [state] = await db
      .select()
      .from(oauthStates)
      .where(and(eq(oauthStates.organizationId, a.id), eq(oauthStates.userId, userRow!.id)));
    expect(state).toMatchObject({ embedded: true, returnTo: `${FRAME_ORIGIN}/app`, instanceId });
  });
});

describe("PUT /api/v1/instances/{id}/connections/{key}: the partner's server sets embedded fields", () => {
  it("sets an embedded field with an organization key; the customer's wizard still does not show it", async () => {
    const { instanceId } = await deployPartnerIntegration(a, "cust-put");
    const r = await call(connectionRoute.PUT as Handler, a.adminKey, {
      method: "PUT",
      params: { id: instanceId, key: "files" },
      body: { values: { account_id: "acct-42" } },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ key: "files", status: "red" });
    const credential = await findCredential(db, { organizationId: a.id }, String(r.json.credentialId));
    expect(credential?.fieldsSet).toContain("account_id");
    const instance = await call(instanceRoute.GET as Handler, a.adminKey, { params: { id: instanceId } });
    expect(JSON.stringify(instance.json)).not.toContain("acct-42");
  });

  it("lets no other organization read or change the instance (404), and stores nothing for it", async () => {
    const { instanceId } = await deployPartnerIntegration(a, "cust-iso");
    await call(connectionRoute.PUT as Handler, a.adminKey, {
      method: "PUT",
      params: { id: instanceId, key: "files" },
      body: { values: { account_id: "acct-a" } },
    });
    const before = await call(instanceRoute.GET as Handler, a.adminKey, { params: { id: instanceId } });
    const put = await call(connectionRoute.PUT as Handler, b.adminKey, {
      method: "PUT",
      params: { id: instanceId, key: "files" },
      body: { values: { account_id: "acct-b" } },
    });
    expect(put.status).toBe(404);
    expect(put.json.error).toMatchObject({ code: "not_found" });
    expect((await call(instanceRoute.GET as Handler, b.adminKey, { params: { id: instanceId } })).status).toBe(404);
    const after = await call(instanceRoute.GET as Handler, a.adminKey, { params: { id: instanceId } });
    expect(after.json).toEqual(before.json);
  });

  it("answers bad input with 4xx JSON in the contract's shape, never a 500", async () => {
    const { instanceId } = await deployPartnerIntegration(a, "cust-bad");
    const put = (body: unknown, params: Record<string, string> = { id: instanceId, key: "files" }, key = a.adminKey) =>
      call(connectionRoute.PUT as Handler, key, { method: "PUT", params, body });
    const cases: { r: Awaited<ReturnType<typeof put>>; status: number; field?: string }[] = [
      { r: await put({ values: "account_id=1" }), status: 400, field: "values" },
      { r: await put({ values: { account_id: 42 } }), status: 400, field: "values.account_id" },
      { r: await put({ values: { account_id: "x" }, credentialId: randomUUID() }), status: 400, field: "credentialId" },
      // Only "embedded" fields may be set on their own; anything else is a full save that needs the required fields.
      { r: await put({ values: { internal_note: "x" } }), status: 400, field: "values.api_key" },
      { r: await put({ values: { account_id: "x" } }, { id: "not-a-uuid", key: "files" }), status: 400, field: "id" },
      { r: await put({ values: { account_id: "x" } }, { id: instanceId, key: "Bad Key" }), status: 400, field: "key" },
      { r: await put({ values: { account_id: "x" } }, { id: instanceId, key: "nope" }), status: 404 },
      { r: await put({ values: { account_id: "x" } }, undefined, a.viewerKey), status: 403 },
      {
        r: await call(connectionRoute.PUT as Handler, a.adminKey, {
          method: "PUT",
          params: { id: instanceId, key: "files" },
          rawBody: "{not json",
        }),
        status: 400,
      },
    ];
    for (const { r, status, field } of cases) {
      expect(r.status, JSON.stringify(r.json)).toBe(status);
      expect(r.contentType).toContain("application/json");
      expect(r.json.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      if (field) expect(Object.keys(r.json.error!.fields ?? {}), JSON.stringify(r.json)).toContain(field);
    }
  });
});

describe("signing keys API", () => {
  it("refuses a bad PEM and a private key at the field, lists and deletes keys of the caller's organization only", async () => {
    const garbage = await call(signingKeysRoute.POST as Handler, b.adminKey, {
      method: "POST",
      body: { publicKeyPem: "hello" },
    });
    expect(garbage.status).toBe(400);
    expect(garbage.json.error?.fields?.publicKeyPem).toMatch(/Paste a PEM public key/);
    const privatePem = stranger.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const leaked = await call(signingKeysRoute.POST as Handler, b.adminKey, {
      method: "POST",
      body: { publicKeyPem: privatePem },
    });
    expect(leaked.status).toBe(400);
    expect(leaked.json.error?.fields?.publicKeyPem).toMatch(/private key/);
    expect(JSON.stringify(leaked.json)).not.toContain(privatePem.split("\n")[1]);
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .publicKey.export({ type: "spki", format: "pem" })
      .toString();
    const viewer = await call(signingKeysRoute.POST as Handler, b.viewerKey, {
      method: "POST",
      body: { publicKeyPem: ec },
    });
    expect(viewer.status).toBe(403);
    const created = await call(signingKeysRoute.POST as Handler, b.adminKey, {
      method: "POST",
      body: { publicKeyPem: ec },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      algorithm: "ES256",
      fingerprint: expect.stringMatching(/^SHA256:[0-9a-f]{64}$/),
    });
    const list = await call(signingKeysRoute.GET as Handler, b.adminKey);
    expect((list.json.data as { id: string }[]).map((k) => k.id)).toEqual([created.json.id]);
    const foreign = await call(signingKeyRoute.DELETE as Handler, a.adminKey, {
      method: "DELETE",
      params: { id: String(created.json.id) },
    });
    expect(foreign.status).toBe(404);
    expect(
      (
        await call(signingKeyRoute.DELETE as Handler, b.adminKey, {
          method: "DELETE",
          params: { id: String(created.json.id) },
        })
      ).status,
    ).toBe(200);
  });
});

// Helpers that deploy a connection type with "customer", "embedded" and "hidden" fields.

async function customerOf(instanceId: string) {
  const r = await call(instanceRoute.GET as Handler, a.adminKey, { params: { id: instanceId } });
  return r.json.customerId as string | undefined;
}

const declared = new Set<string>();

async function deployPartnerIntegration(org: Org, externalId: string, oauth = false): Promise<{ instanceId: string }> {
  const typeKey = oauth ? "partner_oauth" : "partner_api";
  if (!declared.has(`${org.id}/${typeKey}`)) {
    const fields = oauth
      ? [
          { key: "client_id", label: "Client ID", type: "string", required: true, default: "partner-client" },
          { key: "client_secret", label: "Client secret", type: "password", required: true },
          {
            key: "auth_uri",
            label: "Authorization URL",
            type: "url",
            required: true,
            default: "https://auth.partner-provider.example/authorize",
          },
          {
            key: "token_uri",
            label: "Token URL",
            type: "url",
            required: true,
            default: "https://auth.partner-provider.example/token",
          },
          { key: "scopes", label: "Scopes", type: "string", default: "files.read" },
          { key: "account_id", label: "Partner account id", type: "string" },
        ]
      : [
          { key: "api_key", label: "API key", type: "password", required: true, secret: true },
          { key: "account_id", label: "Partner account id", type: "string", required: true },
          { key: "internal_note", label: "Internal note", type: "string" },
        ];
    const r = await call(typesRoute.POST as Handler, org.adminKey, {
      method: "POST",
      body: {
        key: typeKey,
        label: typeKey,
        kind: oauth ? "oauth2" : "fields",
        fields,
        ...(oauth ? { oauth: { pkce: true, tokenAuthMethod: "client_secret_basic" } } : {}),
      },
    });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    declared.add(`${org.id}/${typeKey}`);
  }
  const visibility = oauth
    ? {
        client_id: { visibility: "hidden" },
        client_secret: { visibility: "hidden", default: "partner-secret" },
        auth_uri: { visibility: "hidden" },
        token_uri: { visibility: "hidden" },
        scopes: { visibility: "hidden" },
        account_id: { visibility: "embedded" },
      }
    : {
        api_key: { visibility: "customer" },
        account_id: { visibility: "embedded" },
        internal_note: { visibility: "hidden" },
      };
  const integration = await call(integrationsRoute.POST as Handler, org.adminKey, {
    method: "POST",
    body: {
      name: `Partner ${randomUUID()}`,
      configVariables: [{ key: "files", label: "Files", connectionType: typeKey, fields: visibility }],
    },
  });
  expect(integration.status, JSON.stringify(integration.json)).toBe(201);
  const [customer] = await db
    .insert(customers)
    .values({ organizationId: org.id, name: externalId, externalId: `${externalId}-${randomUUID()}` })
    .returning();
  const instance = await call(instancesRoute.POST as Handler, org.adminKey, {
    method: "POST",
    body: { integrationId: integration.json.id, customerId: customer!.id },
  });
  expect(instance.status, JSON.stringify(instance.json)).toBe(201);
  return { instanceId: String(instance.json.id) };
}
