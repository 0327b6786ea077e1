// The steps a type's page shows under "Register your app with the provider", written once: every
// OAuth entry tells the integrator to paste the same callback URL and to copy the same two values
// to the same places, in the provider's own words for them.

const CALLBACK_URL = "Latchkey's callback URL (shown on this page)";

/** Where the callback URL goes: "Paste Latchkey's callback URL (shown on this page) as a redirect URI." */
export const callbackStep = (as: string, verb = "Paste") => `${verb} ${CALLBACK_URL} as ${as}.`;

/** Where the app's credentials go: "Copy the client ID and client secret into the integration's defaults or the connection." */
export const copyCredentialsStep = (what: string) => `Copy ${what} into the integration's defaults or the connection.`;

type AppNames = { clientIdLabel?: string; clientSecretLabel?: string };
const credentialsOf = (s: AppNames) =>
  `its ${s.clientIdLabel ?? "client ID"} and ${s.clientSecretLabel ?? "client secret"}`;

/** An authorization code app: create it in the console, paste the callback URL, pick scopes, copy its credentials. */
export function oauthAppSetup(s: AppNames & { console: string; redirectName?: string; scopes: string }): string[] {
  return [
    `${s.console}: create an OAuth app (client) for your integration.`,
    callbackStep(`its ${s.redirectName ?? "redirect URL"}`),
    `Give it the scopes your integration needs (the default here: ${s.scopes || "none"}).`,
    copyCredentialsStep(credentialsOf(s)),
  ];
}

/** A client credentials app: no callback URL, the credentials go into the connection. */
export function clientCredentialsSetup(s: AppNames & { console: string }): string[] {
  return [
    `${s.console}: create API client credentials for your integration.`,
    `Copy ${credentialsOf(s)} into the connection; no callback URL is needed.`,
  ];
}

/** A key the customer pastes: where to find it, and what happens to it. */
export const keySetup = (where: string): string[] => [
  `${where}.`,
  "Paste it into the connection; it is stored encrypted and never shown again.",
];
