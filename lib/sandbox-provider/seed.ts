import "server-only";
import { log } from "@/lib/log";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { connectionTypes, customers, integrations, organizations } from "@/db/schema";
import { DEMO_ORGANIZATION } from "@/db/seed";
import { connectionTypeInputSchema } from "@/lib/connection-types/definition";
import { createConnectionType } from "@/lib/connection-types/service";
import { env } from "@/lib/env";
import { deployInstance } from "@/lib/instances/service";
import { integrationInput } from "@/lib/integrations/schemas";
import { createIntegration } from "@/lib/integrations/service";
import { SANDBOX_DEMO_CLIENT } from "./demo";

// The demo's Sandbox: a connection type pointing at the local sandbox provider, an integration
// that uses it with the client settings as hidden defaults, and an instance for the demo customer,
// so that a new user presses CONNECT and watches the whole flow with no outside account.

const TYPE_KEY = "sandbox";
const INTEGRATION_NAME = "Sandbox file sync";

export async function seedSandboxDemo(db: Db): Promise<void> {
  const [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, DEMO_ORGANIZATION.slug))
    .limit(1);
  if (!org) return;
  const [type] = await db
    .select({ id: connectionTypes.id })
    .from(connectionTypes)
    .where(and(eq(connectionTypes.organizationId, org.id), eq(connectionTypes.key, TYPE_KEY)))
    .limit(1);
  const [integration] = await db
    .select({ id: integrations.id })
    .from(integrations)
    .where(and(eq(integrations.organizationId, org.id), eq(integrations.name, INTEGRATION_NAME)))
    .limit(1);
  if (type || integration) return;
  const base = `http://127.0.0.1:${env.SANDBOX_OAUTH_PORT}`;
  await createConnectionType(
    db,
    org.id,
    connectionTypeInputSchema.parse({
      key: TYPE_KEY,
      label: "Sandbox",
      description:
        "The local sandbox OAuth 2.0 provider that comes with the demo: sign in with any login and password.",
      kind: "oauth2",
      fields: [
        { key: "client_id", label: "Client ID", type: "string", required: true, default: SANDBOX_DEMO_CLIENT.clientId },
        { key: "client_secret", label: "Client secret", type: "password", required: true },
        { key: "auth_uri", label: "Authorization URL", type: "url", required: true, default: `${base}/auth` },
        { key: "token_uri", label: "Token URL", type: "url", required: true, default: `${base}/token` },
        { key: "revoke_uri", label: "Revocation URL", type: "url", default: `${base}/token/revocation` },
        { key: "scopes", label: "Scopes", type: "string", default: "openid offline_access files.read" },
      ],
      oauth: { pkce: true, tokenAuthMethod: "client_secret_basic", authorizeParams: { prompt: "consent" } },
    }),
  );
  const hidden = { visibility: "hidden" as const };
  const created = await createIntegration(
    db,
    org.id,
    integrationInput.parse({
      name: INTEGRATION_NAME,
      description:
        "Copies files from the sandbox provider every hour. Press CONNECT on its instance to try OAuth end to end.",
      configVariables: [
        {
          key: "files",
          label: "Sandbox files",
          connectionType: TYPE_KEY,
          fields: {
            client_id: hidden,
            client_secret: { ...hidden, default: SANDBOX_DEMO_CLIENT.clientSecret },
            auth_uri: hidden,
            token_uri: hidden,
            revoke_uri: hidden,
          },
        },
      ],
      steps: [
        { name: "Every hour", action: "core.schedule" },
        { name: "List files", action: `${TYPE_KEY}.request`, connection: "files" },
        { name: "Copy new files", action: `${TYPE_KEY}.request`, connection: "files" },
      ],
    }),
  );
  const [customer] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.organizationId, org.id))
    .limit(1);
  if (customer)
    await deployInstance(db, { organizationId: org.id }, { integrationId: created.id, customerId: customer.id }, null);
  log.info("Seeded the Sandbox connection type, integration and instance of the demo");
}
