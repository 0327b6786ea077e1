import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { customers, organizations } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/service";
import { setInstanceConnection } from "@/lib/instances/connections";
import { deployInstance } from "@/lib/instances/service";
import { createIntegration } from "@/lib/integrations/service";
import { integrationInput } from "@/lib/integrations/schemas";
import { addRuntimeKey } from "@/lib/runtime/keys";

// An organization of its own for an operations test: one customer, an integration with one
// API-key connection ("api", set to `secret`), an instance, keys of each role and a runtime key.

export type OpsWorld = {
  organizationId: string;
  customerId: string;
  integrationId: string;
  instanceId: string;
  keys: { admin: string; builder: string; viewer: string; runtime: string };
  runtimeKeyId: string;
  secret: string;
};

export async function makeOpsWorld(db: Db, secret = `lk-marker-secret-${randomUUID()}`): Promise<OpsWorld> {
  const [org] = await db
    .insert(organizations)
    .values({ name: "Operations", slug: `ops-${randomUUID()}` })
    .returning();
  const organizationId = org!.id;
  const [customer] = await db.insert(customers).values({ organizationId, name: "Customer Ops" }).returning();
  const integration = await createIntegration(
    db,
    organizationId,
    integrationInput.parse({
      name: `Ops ${randomUUID()}`,
      configVariables: [{ key: "api", label: "API", connectionType: "api_key", fields: {} }],
    }),
  );
  const instance = await deployInstance(
    db,
    { organizationId },
    { integrationId: integration.id, customerId: customer!.id },
    null,
  );
  await setInstanceConnection(
    db,
    { organizationId },
    instance.id,
    "api",
    { values: { api_key: secret } },
    "organization",
    null,
  );
  const key = async (role: "admin" | "builder" | "viewer") =>
    (await createApiKey(db, organizationId, null, { name: `${role} key`, role })).token;
  const runtime = await addRuntimeKey(db, { organizationId }, instance.id, null, { name: "runner" });
  return {
    organizationId,
    customerId: customer!.id,
    integrationId: integration.id,
    instanceId: instance.id,
    keys: {
      admin: await key("admin"),
      builder: await key("builder"),
      viewer: await key("viewer"),
      runtime: runtime.key,
    },
    runtimeKeyId: runtime.id,
    secret,
  };
}
