import type { SandboxClient } from "./index";

// The demo's clients of the sandbox provider. Their secrets are published demo values, like the
// demo admin's password: the sandbox runs on 127.0.0.1 and guards nothing real.

export const SANDBOX_DEMO_CLIENT = { clientId: "latchkey-demo", clientSecret: "latchkey-demo-secret" } as const;
export const SANDBOX_DEMO_POST_CLIENT = {
  clientId: "latchkey-demo-post",
  clientSecret: "latchkey-demo-post-secret",
} as const;
export const SANDBOX_DEMO_MACHINE_CLIENT = {
  clientId: "latchkey-demo-machine",
  clientSecret: "latchkey-demo-machine-secret",
} as const;

/** The demo clients, redirecting to Latchkey's callback at `baseUrl`. */
export function sandboxDemoClients(baseUrl: string): SandboxClient[] {
  const redirectUris = [`${baseUrl.replace(/\/+$/, "")}/api/oauth/callback`];
  return [
    { ...SANDBOX_DEMO_CLIENT, authMethod: "client_secret_basic", redirectUris },
    { ...SANDBOX_DEMO_POST_CLIENT, authMethod: "client_secret_post", redirectUris },
    { ...SANDBOX_DEMO_MACHINE_CLIENT, authMethod: "client_secret_basic", clientCredentials: true },
  ];
}
