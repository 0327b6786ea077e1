import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { connectionTypes, integrations, organizations } from "@/db/schema";
import { DEMO_ORGANIZATION } from "@/db/seed";
import { listInstances } from "@/lib/instances/service";
import { seedSandboxDemo } from "@/lib/sandbox-provider/seed";
import { instanceWizard } from "@/lib/instances/connections";

// The demo's Sandbox data: seeded once into the demo organization, with the client secret a hidden,
// encrypted default that a customer never sees.

describe("seedSandboxDemo", () => {
  it("adds the Sandbox type, integration and instance once", async () => {
    const db = await getDb();
    const [org] = await db.select().from(organizations).where(eq(organizations.slug, DEMO_ORGANIZATION.slug));
    expect(org, "the demo organization is seeded with every empty database").toBeDefined();
    await seedSandboxDemo(db);
    await seedSandboxDemo(db);
    const types = await db
      .select()
      .from(connectionTypes)
      .where(and(eq(connectionTypes.organizationId, org!.id), eq(connectionTypes.key, "sandbox")));
    const seeded = await db
      .select()
      .from(integrations)
      .where(and(eq(integrations.organizationId, org!.id), eq(integrations.name, "Sandbox file sync")));
    expect(types).toHaveLength(1);
    expect(seeded).toHaveLength(1);
    const [instance] = await listInstances(db, { organizationId: org!.id }, { integrationId: seeded[0]!.id });
    expect(instance!.connections).toMatchObject([{ key: "files", kind: "oauth2", status: "red" }]);
    const wizard = await instanceWizard(
      db,
      { organizationId: org!.id, customerId: instance!.customerId },
      instance!.id,
      "customer",
    );
    expect(wizard.connections[0]!.fields.map((f) => f.key)).toEqual(["scopes"]);
    const dump = await db.execute(
      sql`select secret_defaults_ciphertext, fields from config_variables where integration_id = ${seeded[0]!.id}`,
    );
    expect(JSON.stringify(dump)).not.toContain("latchkey-demo-secret");
  });
});
