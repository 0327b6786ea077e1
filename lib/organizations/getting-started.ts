import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  apiKeys,
  configVariables,
  connectionLogs,
  connectionTypes,
  credentialTokens,
  instances,
  integrations,
} from "@/db/schema";

// The first-run checklist of an organization: each step ticked from what exists, never from a flag
// a screen sets, so a step done through the API or by a teammate is ticked too.

export type GettingStartedStep = {
  key: "connection-type" | "integration" | "deploy" | "connect" | "api";
  done: boolean;
};

const one = { one: sql<number>`1` };
const found = (rows: Promise<unknown[]>) => rows.then((r) => r.length > 0);

/** The steps of the checklist, in order, each marked done from the organization's data. */
export async function gettingStarted(db: Db, organizationId: string): Promise<GettingStartedStep[]> {
  const [customType, variable, integration, instance, authorized, used, apiKey] = await Promise.all([
    found(db.select(one).from(connectionTypes).where(eq(connectionTypes.organizationId, organizationId)).limit(1)),
    found(db.select(one).from(configVariables).where(eq(configVariables.organizationId, organizationId)).limit(1)),
    found(db.select(one).from(integrations).where(eq(integrations.organizationId, organizationId)).limit(1)),
    found(db.select(one).from(instances).where(eq(instances.organizationId, organizationId)).limit(1)),
    found(db.select(one).from(credentialTokens).where(eq(credentialTokens.organizationId, organizationId)).limit(1)),
    // The values endpoint logs a "used" event for every fetch (lib/runtime/values).
    found(
      db
        .select(one)
        .from(connectionLogs)
        .where(and(eq(connectionLogs.organizationId, organizationId), eq(connectionLogs.event, "used")))
        .limit(1),
    ),
    found(
      db
        .select(one)
        .from(apiKeys)
        .where(and(eq(apiKeys.organizationId, organizationId), isNull(apiKeys.revokedAt)))
        .limit(1),
    ),
  ]);
  return [
    // A catalogue type counts as picked once an integration uses it.
    { key: "connection-type", done: customType || variable },
    { key: "integration", done: integration },
    { key: "deploy", done: instance },
    { key: "connect", done: authorized },
    { key: "api", done: apiKey && used },
  ];
}
