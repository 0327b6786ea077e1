import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { connectionTypeInputSchema } from "@/lib/connection-types/definition";
import { createConnectionType } from "@/lib/connection-types/service";
import { createCredential, credentialValuesView, updateCredential } from "@/lib/credentials/service";
import { instanceWizard, setInstanceConnection } from "@/lib/instances/connections";
import { deployInstance } from "@/lib/instances/service";
import { createIntegration } from "@/lib/integrations/service";
import { integrationInput } from "@/lib/integrations/schemas";
import { makeOrg, type Org } from "../support/oauth-fixtures";

// Issue 19, item 3: a credential's Values tab shows the stored non-secret values, editable, and
// keeps secret ones write-only; a default is said to be a default (and only where it applies at
// use), never passed off as what is stored. A customer sees no hidden field, and another tenant
// sees nothing.

let db: Db;
let org: Org;
let other: Org;

beforeAll(async () => {
  db = await getDb();
  org = await makeOrg(db);
  other = await makeOrg(db);
});

const secretOf = (id: string) => `pw-${id}-do-not-show`;

describe("a credential's Values tab", () => {
  it("shows a plain stored value, never a secret one, and names no type default for a credential of its own", async () => {
    const id = randomUUID();
    const made = await createCredential(
      db,
      org.scope,
      {
        label: "SFTP",
        authMethod: "sftp",
        values: { host: `sftp-${id}.example`, username: "globex", password: secretOf(id) },
      },
      null,
    );
    const view = await credentialValuesView(db, org.scope, made.id);
    const field = (key: string) => view.fields.find((f) => f.key === key);
    expect(field("host")).toMatchObject({ stored: true, value: `sftp-${id}.example` });
    expect(field("username")).toMatchObject({ stored: true, value: "globex" });
    expect(field("password")).toMatchObject({ stored: true, secret: true });
    expect(field("password")).not.toHaveProperty("value");
    // SFTP's port defaults to 22 in the type, but a credential of its own is used as stored.
    expect(field("port")).toMatchObject({ stored: false, hasDefault: false });
    expect(field("port")).not.toHaveProperty("default");
    expect(field("private_key")).toMatchObject({ stored: false });
    expect(JSON.stringify(view)).not.toContain(secretOf(id));

    await expect(credentialValuesView(db, other.scope, made.id)).rejects.toThrow(/No such credential/);
  });

  it("of a wizard-made credential: stored plain values, the defaults that apply named as such, hidden fields kept from the customer", async () => {
    const id = randomUUID().slice(0, 8);
    const key = `values_${id}`;
    await createConnectionType(
      db,
      org.organizationId,
      connectionTypeInputSchema.parse({
        key,
        label: "Values type",
        kind: "fields",
        fields: [
          { key: "tenant", label: "Tenant", type: "string", required: true },
          { key: "region", label: "Region", type: "string", default: "eu-1" },
          { key: "base_url", label: "Base URL", type: "url" },
          { key: "token", label: "Token", type: "password", required: true },
          { key: "app_key", label: "App key", type: "string", required: true },
        ],
      }),
    );
    const integration = await createIntegration(
      db,
      org.organizationId,
      integrationInput.parse({
        name: `Values ${id}`,
        configVariables: [
          {
            key: "api",
            label: "API",
            connectionType: key,
            fields: {
              base_url: { default: "https://api.example" },
              app_key: { visibility: "hidden", default: `hidden-app-key-${id}` },
            },
          },
        ],
      }),
    );
    const instance = await deployInstance(
      db,
      org.scope,
      { integrationId: integration.id, customerId: org.customerId, name: `Values ${id}` },
      null,
    );
    const customer = { organizationId: org.organizationId, customerId: org.customerId };
    await setInstanceConnection(
      db,
      customer,
      instance.id,
      "api",
      { values: { tenant: `tenant-${id}`, token: secretOf(id) } },
      "customer",
      null,
    );
    const { connections } = await instanceWizard(db, org.scope, instance.id, "organization");
    const credentialId = connections[0]?.credentialId;
    expect(credentialId).toBeTruthy();

    const asTeam = await credentialValuesView(db, org.scope, credentialId!);
    const team = (k: string) => asTeam.fields.find((f) => f.key === k);
    expect(team("tenant")).toMatchObject({ stored: true, value: `tenant-${id}` });
    expect(team("token")).toMatchObject({ stored: true });
    expect(team("token")).not.toHaveProperty("value");
    expect(team("region")).toMatchObject({ stored: false, default: "eu-1", hasDefault: true });
    expect(team("base_url")).toMatchObject({ stored: false, default: "https://api.example", hasDefault: true });
    expect(team("app_key")).toMatchObject({ stored: false, default: `hidden-app-key-${id}` });
    expect(JSON.stringify(asTeam)).not.toContain(secretOf(id));

    const asCustomer = await credentialValuesView(db, customer, credentialId!);
    expect(asCustomer.fields.map((f) => f.key)).toEqual(["tenant", "region", "base_url", "token"]);
    expect(asCustomer.fields.find((f) => f.key === "tenant")).toMatchObject({ value: `tenant-${id}` });
    expect(JSON.stringify(asCustomer)).not.toContain(`hidden-app-key-${id}`);
    expect(JSON.stringify(asCustomer)).not.toContain(secretOf(id));
  });

  it("clears a stored plain value when asked, never a required one without a default, and only a field the configurer may set", async () => {
    const id = randomUUID().slice(0, 8);
    const key = `clear_${id}`;
    await createConnectionType(
      db,
      org.organizationId,
      connectionTypeInputSchema.parse({
        key,
        label: "Clear type",
        kind: "fields",
        fields: [
          { key: "tenant", label: "Tenant", type: "string", required: true },
          { key: "region", label: "Region", type: "string" },
          { key: "app_key", label: "App key", type: "string" },
        ],
      }),
    );
    const integration = await createIntegration(
      db,
      org.organizationId,
      integrationInput.parse({
        name: `Clear ${id}`,
        configVariables: [
          { key: "api", label: "API", connectionType: key, fields: { app_key: { visibility: "hidden" } } },
        ],
      }),
    );
    const instance = await deployInstance(
      db,
      org.scope,
      { integrationId: integration.id, customerId: org.customerId, name: `Clear ${id}` },
      null,
    );
    const customer = { organizationId: org.organizationId, customerId: org.customerId };
    const save = (input: Parameters<typeof setInstanceConnection>[4]) =>
      setInstanceConnection(db, customer, instance.id, "api", input, "customer", null);
    await save({ values: { tenant: `tenant-${id}`, region: "eu-2" } });
    const credentialId = (await instanceWizard(db, org.scope, instance.id, "organization")).connections[0]!
      .credentialId!;
    const stored = async () =>
      Object.fromEntries(
        (await credentialValuesView(db, org.scope, credentialId)).fields
          .filter((f) => f.stored)
          .map((f) => [f.key, f.value]),
      );

    // A blank value keeps what is stored; naming it in `clear` removes it.
    await save({ values: { tenant: "", region: "" } });
    expect(await stored()).toEqual({ tenant: `tenant-${id}`, region: "eu-2" });
    await save({ values: { tenant: "", region: "" }, clear: ["region"] });
    expect(await stored()).toEqual({ tenant: `tenant-${id}` });

    // A required field cannot be cleared; a hidden one is not the customer's to clear.
    await expect(save({ values: {}, clear: ["tenant"] })).rejects.toMatchObject({
      fields: { "values.tenant": "Tenant is required" },
    });
    await expect(save({ values: {}, clear: ["app_key"] })).rejects.toMatchObject({
      fields: { "values.app_key": expect.any(String) },
    });
    expect(await stored()).toEqual({ tenant: `tenant-${id}` });

    // The same through the credential itself (its Values tab, PATCH /api/v1/credentials/{id}).
    await updateCredential(db, org.scope, credentialId, { values: { region: "eu-3" } });
    expect(await stored()).toEqual({ tenant: `tenant-${id}`, region: "eu-3" });
    await updateCredential(db, org.scope, credentialId, { clear: ["region"] });
    expect(await stored()).toEqual({ tenant: `tenant-${id}` });
    await expect(updateCredential(db, org.scope, credentialId, { clear: ["tenant"] })).rejects.toMatchObject({
      fields: { "values.tenant": "Tenant is required" },
    });
    await expect(
      updateCredential(db, org.scope, credentialId, { values: { region: "x" }, clear: ["region"] }),
    ).rejects.toMatchObject({ fields: { "values.region": "Region is both given and cleared" } });
    await expect(updateCredential(db, org.scope, credentialId, { clear: ["nope"] })).rejects.toThrow();
    await expect(updateCredential(db, other.scope, credentialId, { clear: ["region"] })).rejects.toThrow(
      /No such credential/,
    );
  });
});
