import type { ConfigVariable, FieldVisibility } from "@/db/schema";
import type { ConnectionType } from "@/lib/connection-types/definition";
import { mayTouchField, type Configurer } from "@/lib/auth/visibility";

// Whether a connection can start its authorization (CONNECT) yet, and if not, which fields are in
// the way and who can fill them. Pure, so the wizard, the CONNECT route and the embedded screens
// read one answer, and a kind can later say which of its fields an authorization needs.

/** A required field with no value, no default from the integration or the type, and nothing stored. */
export type MissingField = { key: string; label: string; visibility: FieldVisibility };

/** The required fields a connection still lacks before it can connect. */
export function missingBeforeConnect(
  type: Pick<ConnectionType, "fields">,
  variable: Pick<ConfigVariable, "fields">,
  fieldsSet: readonly string[],
): MissingField[] {
  return type.fields.flatMap((f) => {
    const s = variable.fields[f.key];
    const inherited =
      (f.default !== undefined && f.default !== "") || s?.default !== undefined || !!s?.hasSecretDefault;
    if (!f.required || inherited || fieldsSet.includes(f.key)) return [];
    return [{ key: f.key, label: f.label, visibility: s?.visibility ?? "customer" }];
  });
}

const others: Record<FieldVisibility, string> = {
  customer: "the customer",
  embedded: "the embedding partner",
  hidden: "the organization",
};

const list = (labels: string[]) =>
  labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;

/** Why CONNECT cannot start yet for this configurer, naming the fields; null when it can. */
export function connectBlockedReason(missing: readonly MissingField[], configurer: Configurer): string | null {
  if (missing.length === 0) return null;
  const mine = missing.filter((m) => mayTouchField(configurer, m.visibility)).map((m) => m.label);
  const theirs = missing.filter((m) => !mayTouchField(configurer, m.visibility));
  const parts: string[] = [];
  if (mine.length > 0) parts.push(`Fill in and save ${list(mine)} first.`);
  for (const who of new Set(theirs.map((m) => m.visibility)))
    parts.push(
      `Waiting for ${others[who]} to set ${list(theirs.filter((m) => m.visibility === who).map((m) => m.label))}.`,
    );
  return parts.join(" ");
}
