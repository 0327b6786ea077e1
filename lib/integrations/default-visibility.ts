import type { FieldVisibility } from "@/db/schema";
import type { KindTraits } from "@/lib/connection-types/kinds/kind";

// Who sees a connection field when the integrator has not said. An authorization code
// connection's OAuth app (its client and endpoints) is the integrator's, registered once with the
// provider: the customer should meet CONNECT, not the consumer key and raw URLs. Everything else
// (API keys, the scopes) is the customer's to enter unless the designer says otherwise.

const OAUTH_APP_FIELDS: ReadonlySet<string> = new Set([
  "client_id",
  "client_secret",
  "auth_uri",
  "token_uri",
  "revoke_uri",
]);

/** The visibility a field of this type gets when neither the design nor an earlier save names one. */
export function defaultVisibility(kind: Pick<KindTraits, "authorizes">, fieldKey: string): FieldVisibility {
  return kind.authorizes && OAUTH_APP_FIELDS.has(fieldKey) ? "hidden" : "customer";
}

/**
 * Required fields that only the organization can fill (Hidden) and that have no default yet: until
 * they get one, no customer can complete the connection. The designer shows them as it is edited.
 */
export function fieldsNeedingDefault(
  fields: readonly { key: string; label: string; required: boolean; default?: string | null }[],
  settingOf: (key: string) => { visibility: FieldVisibility; hasDefault: boolean } | undefined,
): { key: string; label: string }[] {
  return fields
    .filter((f) => {
      const s = settingOf(f.key);
      const typeDefault = f.default !== undefined && f.default !== null && f.default !== "";
      return f.required && s?.visibility === "hidden" && !typeDefault && !s.hasDefault;
    })
    .map((f) => ({ key: f.key, label: f.label }));
}
