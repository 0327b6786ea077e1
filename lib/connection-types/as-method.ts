import type { AuthMethodDefinition } from "@/lib/credentials/auth-methods";
import type { ConnectionType } from "./definition";

const KIB = 1024;

/** A connection type seen as a credential auth method: the credential form, validation and status read it. */
export function connectionTypeAsMethod(type: ConnectionType): AuthMethodDefinition {
  return {
    key: type.key,
    label: type.label,
    description: type.description,
    oauth:
      type.kind === "oauth2"
        ? "authorization_code"
        : type.kind === "oauth2_client_credentials"
          ? "client_credentials"
          : undefined,
    fields: type.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      // A default counts as a value: the field is required of whoever has no default to fall back on.
      required: f.required && f.default === undefined,
      secret: f.secret,
      maxLength: f.type === "text" ? 64 * KIB : f.type === "url" ? 2 * KIB : 4 * KIB,
      placeholder: f.placeholder,
      format: f.key === "private_key" ? ("private_key" as const) : undefined,
    })),
  };
}
