import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { providerName } from "@/lib/authorization-links/provider-name";
import { connectionTypeInputSchema } from "@/lib/connection-types/definition";
import { createConnectionType } from "@/lib/connection-types/service";

// The e-mailed link's page names whom the visitor signs in with: the connection type's label, never
// the auth method ("OAuth 2.0 (authorization code)"); a generic credential names its server's host.

let db: Db;
let organizationId = "";

beforeAll(async () => {
  db = await getDb();
  const [org] = await db
    .insert(organizations)
    .values({ name: "Provider Org", slug: `provider-${randomUUID()}` })
    .returning();
  organizationId = org!.id;
});

describe("the link page's provider", () => {
  const link = () => ({ organizationId, instanceId: null, connectionKey: null });

  it("is the built-in type's label", async () => {
    expect(await providerName(db, link(), "salesforce", undefined)).toBe("Salesforce");
  });

  it("is the integrator's own type's label", async () => {
    await createConnectionType(
      db,
      organizationId,
      connectionTypeInputSchema.parse({
        key: "acme_files",
        label: "Acme Files",
        kind: "oauth2",
        fields: [
          { key: "client_id", label: "Client ID", type: "string", required: true },
          { key: "auth_uri", label: "Authorization URL", type: "url", default: "https://acme.example/authorize" },
          { key: "token_uri", label: "Token URL", type: "url", default: "https://acme.example/token" },
        ],
      }),
    );
    expect(await providerName(db, link(), "acme_files", undefined)).toBe("Acme Files");
  });

  it("is the authorization server's host for a generic OAuth 2.0 credential, not the method's name", async () => {
    expect(await providerName(db, link(), "oauth2", "https://login.provider.example/authorize")).toBe(
      "login.provider.example",
    );
    expect(await providerName(db, link(), "oauth2", undefined)).toBe("the service");
  });
});
