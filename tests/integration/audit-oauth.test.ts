import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { getInstance } from "@/lib/instances/service";
import { disconnect } from "@/lib/oauth/disconnect";
import { startSandboxProvider, type SandboxProvider } from "@/lib/sandbox-provider";
import {
  CALLBACK,
  clients,
  connect,
  deployConnection,
  makeOrg,
  sandboxType,
  type Org,
} from "../support/oauth-fixtures";

// CONNECT and DISCONNECT against a real oidc-provider are changes to a credential: each writes one
// audit row naming who started it and the token fields it set or removed, never a token.

let db: Db;
let provider: SandboxProvider;
let org: Org;
beforeAll(async () => {
  db = await getDb();
  provider = await startSandboxProvider({ clients: [{ ...clients.basic, redirectUris: [CALLBACK] }] });
  org = await makeOrg(db);
  await sandboxType(db, org, provider, { key: "sandbox_audit" });
});
afterAll(() => provider.close());

describe("OAuth in the audit trail", () => {
  it("records the authorization with the user who pressed CONNECT, and the disconnect", async () => {
    const d = await deployConnection(db, org, "sandbox_audit", clients.basic);
    const target = { instanceId: d.instanceId, configVarKey: "files" };
    await connect(db, provider, org.scope, target, { userId: org.userId });
    await disconnect(db, org.scope, target);
    const credentialId = (await getInstance(db, org.scope, d.instanceId)).connections[0]!.credentialId!;
    const rows = (
      await db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.organizationId, org.scope.organizationId))
        .orderBy(asc(auditEvents.seq))
    ).filter((r) => r.targetId === credentialId);
    const oauthRows = rows.filter(
      (r) => r.action === "credential.authorized" || r.action === "credential.disconnected",
    );
    expect(oauthRows.map((r) => r.action)).toEqual(["credential.authorized", "credential.disconnected"]);
    expect(oauthRows[0]).toMatchObject({ actorType: "user", actorId: org.userId });
    expect(oauthRows[0]!.fields).toContain("accessToken");
    expect(JSON.stringify(rows)).not.toMatch(/"(access|refresh)_token"\s*:/);
  });
});
