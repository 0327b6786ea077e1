// The names of field types and kinds, as data a client component may import.

export const fieldTypes = ["string", "password", "text", "url"] as const;
export const connectionKinds = ["fields", "oauth2", "oauth2_client_credentials", "mcp"] as const;
export type ConnectionKind = (typeof connectionKinds)[number];
