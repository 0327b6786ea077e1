import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { connectionTypeInputSchema } from "@/lib/connection-types/definition";
import { createConnectionType } from "@/lib/connection-types/service";
import { credentialValuesView, listCredentialPage } from "@/lib/credentials/service";
import { setInstanceConnection } from "@/lib/instances/connections";
import { deployConnection, makeOrg, type Org } from "../support/oauth-fixtures";

// A credential an instance made is of its connection type: lists show the type's label, and its
// Values tab shows the type's own fields (a custom OAuth type's, not one "API key" input).

let db: Db;
let org: Org;

beforeAll(async () => {
  db = await getDb();
  org = await makeOrg(db);
});

describe("credentials of a connection type", () => {
  it("are listed with the type's label and show its own fields and traits", async () => {
    const key = `acme_${randomUUID().slice(0, 8)}`;
    await createConnectionType(
      db,
      org.organizationId,
      connectionTypeInputSchema.parse({
        key,
        label: "Acme files",
        kind: "oauth2",
        fields: [
          { key: "client_id", label: "App key", type: "string", required: true },
          { key: "client_secret", label: "App secret", type: "password", required: true },
          { key: "auth_uri", label: "Authorization URL", type: "url", default: "https://acme.example/authorize" },
          { key: "token_uri", label: "Token URL", type: "url", default: "https://acme.example/token" },
        ],
      }),
    );
    const deployed = await deployConnection(db, org, key, null);
    await setInstanceConnection(
      db,
      org.scope,
      deployed.instanceId,
      deployed.key,
      { values: { client_id: "id-1", client_secret: "secret-1" } },
      "organization",
      null,
    );

    const page = await listCredentialPage(db, org.scope, { owner: "all", limit: 50 });
    const made = page.data.find((c) => c.authMethod === key);
    expect(made).toBeDefined();
    expect(page.methodLabels[key]).toBe("Acme files");

    const view = await credentialValuesView(db, org.scope, made!.id);
    expect(view.fields.map((f) => f.label)).toEqual(["App key", "App secret", "Authorization URL", "Token URL"]);
    expect(view.fields.find((f) => f.key === "auth_uri")?.required).toBe(false);
    expect(view.method).toMatchObject({ label: "Acme files", traits: { authorizes: true, holdsTokens: true } });
  });
});
