import "server-only";
import { own } from "@/lib/validation/own";
import type { Db } from "@/db/client";
import {
  oauthSettingsSchema,
  type ConnectionField,
  type ConnectionKind,
  type OAuthSettings,
} from "@/lib/connection-types/definition";
import { findConnectionType } from "@/lib/connection-types/registry";
import { kindOf } from "@/lib/connection-types/kinds";
import { findCredential, type CredentialSummary } from "@/lib/credentials/queries";
import { readCredentialValues, type StoredSecret } from "@/lib/credentials/secrets";
import { withInheritedValues } from "@/lib/credentials/field-policy";
import type { CredentialHeader } from "@/lib/credentials/validation";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { connectionTypeOf } from "@/lib/integrations/config-variables";
import { listConfigVariableRows, type ConfigVariableRow } from "@/lib/integrations/queries";
import { findInstanceRow, listInstanceConnectionRows, type InstanceRow } from "@/lib/instances/queries";
import type { TenantScope } from "@/lib/tenancy";

// Which credential an OAuth flow is about, and everything the flow needs to know about it: the
// connection type's OAuth settings (quirks included), the decrypted values (client id and secret,
// endpoints, scopes), custom headers, and for an instance's connection the instance, its config
// variable (custom redirects) and scope override.

/** A credential directly, or the connection of an instance by its config variable's key. */
export type OAuthTarget = { credentialId: string } | { instanceId: string; configVarKey: string };
type AnyTarget = OAuthTarget | { instanceId: string; configVariableId: string; credentialId: string };

export type OAuthConnection = {
  organizationId: string;
  credential: CredentialSummary;
  /** An OAuth kind: ask `kindOf(kind)` what it does. */
  kind: ConnectionKind;
  /** What the person sees: the connection type's label, or the auth method's. */
  label: string;
  settings: OAuthSettings;
  /** The type's fields: which values may fill a templated endpoint, and the pattern each must match. */
  fields: ConnectionField[];
  values: Record<string, string>;
  headers: CredentialHeader[];
  instance?: InstanceRow;
  configVariable?: ConfigVariableRow;
  /** The instance connection's scope override, when the integration allows one and it is set. */
  scopesOverride: string | null;
};

async function instanceConnection(db: Db, scope: TenantScope, target: Extract<AnyTarget, { instanceId: string }>) {
  const instance = await findInstanceRow(db, scope, target.instanceId);
  if (!instance) throw new NotFoundError("No such instance");
  const variables = await listConfigVariableRows(db, instance.organizationId, instance.integrationId);
  const variable = variables.find((v) =>
    "configVarKey" in target ? v.key === target.configVarKey : v.id === target.configVariableId,
  );
  if (!variable) throw new NotFoundError("No such connection in this instance");
  const link = (await listInstanceConnectionRows(db, instance.organizationId, instance.id)).find(
    (l) => l.configVariableId === variable.id,
  );
  if (!link?.credentialId)
    throw new ValidationError(`Configure ${variable.label} first: enter its client ID and secret, then press CONNECT`);
  if ("credentialId" in target && link.credentialId !== target.credentialId) {
    throw new ValidationError(
      `${variable.label} was given another credential while you were authorizing; press CONNECT again`,
    );
  }
  return { instance, variable, link, credentialId: link.credentialId };
}

/** Resolves an OAuth target of the scope; NotFoundError for anything outside it. */
export async function resolveOAuthConnection(db: Db, scope: TenantScope, target: AnyTarget): Promise<OAuthConnection> {
  const inInstance = "instanceId" in target ? await instanceConnection(db, scope, target) : undefined;
  const credentialId = inInstance?.credentialId ?? (target as { credentialId: string }).credentialId;
  // An instance of the scope may borrow an organization-level credential: look it up in the organization.
  const credential = await findCredential(
    db,
    inInstance ? { organizationId: scope.organizationId } : scope,
    credentialId,
  );
  if (!credential) throw new NotFoundError("No such credential");
  if (scope.customerId && credential.customerId !== scope.customerId) {
    // Authorizing a shared credential would change it for every customer of the organization.
    throw new ForbiddenError(
      "This connection uses your organization's shared credential; ask the organization to authorize it",
    );
  }
  const stored = await readCredentialValues(db, { organizationId: scope.organizationId }, credential.id);
  return buildConnection(db, scope.organizationId, credential, stored, inInstance);
}

/**
 * The OAuth connection of a credential already loaded with its values (the refresh routine's
 * batches); `inherited` says they already hold the defaults its integration keeps.
 */
export function credentialConnection(
  db: Db,
  credential: CredentialSummary,
  stored: StoredSecret,
  o: { inherited?: boolean } = {},
): Promise<OAuthConnection> {
  return buildConnection(db, credential.organizationId, credential, stored, undefined, o.inherited);
}

async function buildConnection(
  db: Db,
  organizationId: string,
  credential: CredentialSummary,
  entered: StoredSecret,
  inInstance: Awaited<ReturnType<typeof instanceConnection>> | undefined,
  inherited = false,
): Promise<OAuthConnection> {
  // A wizard-made credential holds what was entered; its integration's defaults (the client secret,
  // the endpoints) come from the config variable now, for the authorization, the token exchange
  // and the refresh routine alike.
  const stored = inherited ? entered : await withInheritedValues(db, credential, entered);
  const typeKey = inInstance?.variable.connectionType ?? credential.authMethod;
  const type = inInstance
    ? await connectionTypeOf(db, organizationId, typeKey)
    : await findConnectionType(db, organizationId, typeKey);
  if (!type || !kindOf(type.kind).traits.holdsTokens)
    throw new ValidationError(`${type?.label ?? typeKey} is not an OAuth 2.0 connection`);
  const kind = type.kind;

  const defaults = Object.fromEntries(
    type.fields.flatMap((f) => (f.default !== undefined && f.default !== "" ? [[f.key, f.default]] : [])),
  );
  const built: OAuthConnection = {
    organizationId,
    credential,
    kind,
    label: inInstance?.variable.label ?? type.label,
    settings: type.oauth ?? oauthSettingsSchema.parse({}),
    fields: type.fields,
    values: { ...defaults, ...stored.values },
    headers: stored.headers,
    instance: inInstance?.instance,
    configVariable: inInstance?.variable,
    scopesOverride: inInstance?.variable.allowScopeOverride ? (inInstance.link.scopes ?? null) : null,
  };
  const completes = kindOf(kind).withServerClient;
  return completes ? completes(db, built, { register: false }) : built;
}

/** A value the flow cannot do without, or a ValidationError naming the field to fill in. */
export function requiredValue(connection: OAuthConnection, key: string, label: string): string {
  const value = own(connection.values, key)?.trim();
  if (!value)
    throw new ValidationError(`${connection.label}: set the ${label} first`, {
      [`values.${key}`]: `${label} is required to authorize`,
    });
  return value;
}
