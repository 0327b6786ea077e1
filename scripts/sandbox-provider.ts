// npx tsx scripts/sandbox-provider.ts
// Runs the sandbox OAuth 2.0 provider on 127.0.0.1:$SANDBOX_OAUTH_PORT (default 3101) with the demo
// clients, whose redirect URI is $LATCHKEY_URL/api/oauth/callback. Sign in there with any login and
// password. Its state lives in memory: a restart forgets every grant (and Latchkey's tokens with it).
import { env } from "@/lib/env";
import { startSandboxProvider } from "@/lib/sandbox-provider";
import {
  SANDBOX_DEMO_CLIENT,
  SANDBOX_DEMO_MACHINE_CLIENT,
  SANDBOX_DEMO_POST_CLIENT,
  sandboxDemoClients,
} from "@/lib/sandbox-provider/demo";

async function main() {
  const provider = await startSandboxProvider({
    port: env.SANDBOX_OAUTH_PORT,
    clients: sandboxDemoClients(env.baseUrl),
  });
  console.info(`[sandbox] OAuth 2.0 provider on ${provider.url}`);
  console.info(`[sandbox]   authorization ${provider.endpoints.authorization}`);
  console.info(`[sandbox]   token         ${provider.endpoints.token}`);
  console.info(`[sandbox]   revocation    ${provider.endpoints.revocation}`);
  console.info(
    `[sandbox]   clients       ${SANDBOX_DEMO_CLIENT.clientId} (basic), ${SANDBOX_DEMO_POST_CLIENT.clientId} (post), ${SANDBOX_DEMO_MACHINE_CLIENT.clientId} (client credentials)`,
  );
  const stop = () => void provider.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`[sandbox] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
