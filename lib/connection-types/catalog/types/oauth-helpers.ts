import type { ConnectionTypeInput } from "@/lib/connection-types/definition";

type Field = ConnectionTypeInput["fields"][number];

/** The well-known OAuth fields with a provider's endpoints and labels as defaults. */
export function oauthFields(o: {
  auth?: string;
  token: string;
  revoke?: string;
  scopes: string;
  clientIdLabel?: string;
  clientSecretLabel?: string;
}): Field[] {
  return [
    { key: "client_id", label: o.clientIdLabel ?? "Client ID", type: "string", required: true },
    {
      key: "client_secret",
      label: o.clientSecretLabel ?? "Client secret",
      type: "password",
      required: true,
      secret: true,
    },
    ...(o.auth !== undefined
      ? [{ key: "auth_uri", label: "Authorization URL", type: "url" as const, required: true, default: o.auth }]
      : []),
    { key: "token_uri", label: "Token URL", type: "url", required: true, default: o.token },
    ...(o.revoke ? [{ key: "revoke_uri", label: "Revocation URL", type: "url" as const, default: o.revoke }] : []),
    { key: "scopes", label: "Scopes", type: "string", default: o.scopes },
  ];
}
