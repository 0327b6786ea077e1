import "server-only";
import type { Db } from "@/db/client";
import { traitsOf } from "@/lib/connection-types/view";
import {
  createCredential,
  getCredentialDto,
  resolveCredentialMethod,
  updateCredential,
  type NewCredentialInput,
} from "@/lib/credentials/service";
import type { Configurer } from "@/lib/auth/visibility";
import { ValidationError } from "@/lib/errors";
import type { TenantScope } from "@/lib/tenancy";
import { clientCredentialsToken, type ClientCredentialsResult } from "./client-credentials";

// Saving a credential whose kind fetches its token on save (client credentials) fetches it at once,
// whichever door the save came through: the screens and the API create and change credentials
// through these two functions, and a refusal is told in one sentence, "Saved, but …".

export type TokenRefusal = Extract<ClientCredentialsResult, { ok: false }>;

/** The token of a credential whose kind fetches on save, once it has values; null for any other. */
export async function fetchTokenOnSave(db: Db, scope: TenantScope, credentialId: string) {
  const credential = await getCredentialDto(db, scope, credentialId);
  const type = await resolveCredentialMethod(db, scope.organizationId, credential.authMethod);
  if (!traitsOf(type).fetchesOnSave || credential.fieldsSet.length === 0) return null;
  return clientCredentialsToken(db, scope, { credentialId });
}

/** Creates a credential, then fetches its token where its kind does so on save; the credential as it is then. */
export async function createCredentialWithToken(
  db: Db,
  scope: TenantScope,
  input: NewCredentialInput,
  createdByUserId: string | null,
) {
  const created = await createCredential(db, scope, input, createdByUserId);
  const token = await fetchTokenOnSave(db, scope, created.id);
  return { credential: token ? await getCredentialDto(db, scope, created.id) : created, token };
}

/** Changes a credential, then fetches its token where its kind does so on save; the credential as it is then. */
export async function updateCredentialWithToken(
  db: Db,
  scope: TenantScope,
  id: string,
  raw: unknown,
  requested?: Configurer,
) {
  const updated = await updateCredential(db, scope, id, raw, requested);
  const token = await fetchTokenOnSave(db, scope, id);
  return { credential: token ? await getCredentialDto(db, scope, id) : updated, token };
}

/** What a save says when the token it fetched was refused: it was saved, but … */
export function savedBut(refusal: TokenRefusal): string {
  return `Saved, but ${refusal.message.charAt(0).toLowerCase()}${refusal.message.slice(1)}`;
}

/** The save's error for a form: "Saved, but …", at the field the refusal points to; null when none. */
export function tokenRefusalError(token: ClientCredentialsResult | null): ValidationError | null {
  return token && !token.ok ? new ValidationError(savedBut(token), token.fields) : null;
}
