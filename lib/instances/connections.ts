import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { own } from "@/lib/validation/own";
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { credentials, instanceConnections, type ConfigVariable } from "@/db/schema";
import type { ConnectionType } from "@/lib/connection-types/definition";
import { kindOf, type KindTraits } from "@/lib/connection-types/kinds";
import { traitsOf } from "@/lib/connection-types/view";
import { connectionTypeOf } from "@/lib/integrations/config-variables";
import { listConfigVariableRows } from "@/lib/integrations/queries";
import { recordEvent } from "@/lib/connections/events";
import { connectionStatus, type ConnectionStatus } from "@/lib/connections/status";
import { findCredential } from "@/lib/credentials/queries";
import { createCredential, updateCredential } from "@/lib/credentials/service";
import { fieldPolicyOf } from "@/lib/credentials/field-policy";
import { configurerFor, mayTouchField, refusedFields, type Configurer } from "@/lib/auth/visibility";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { scopeProblem } from "@/lib/oauth/scopes";
import type { TenantScope } from "@/lib/tenancy";
import { findInstanceRow, listInstanceConnectionRows, type InstanceRow } from "./queries";
import { authorizationsOf } from "@/lib/credentials/tokens";
import { connectBlockedReason, missingBeforeConnect } from "./connect-readiness";
import { storedPlainValues } from "@/lib/credentials/plain-values";
import { authorizationDto, type InstanceConnectionDto } from "./service";

// The configuration wizard of an instance: what each kind of user may see and set per connection,
// and saving it as a credential of the customer (encrypted) or binding an existing credential.

// Who configures, and what each may set: lib/auth/visibility.
export type { Configurer };

export const connectionInput = z
  .object({
    values: z.record(z.string(), z.string().max(65536, "A value is at most 64 KiB").nullable()).optional(),
    // Stored values to remove: a blank value keeps what is stored (a secret is never shown back).
    clear: z.array(z.string().max(100)).max(100).optional(),
    credentialId: z.uuid("credentialId must be a credential's id").nullable().optional(),
    scopes: z
      .string()
      .max(2000)
      .refine((v) => scopeProblem(v) === null, "Scopes cannot contain control characters such as line breaks or tabs")
      .nullable()
      .optional(),
  })
  .refine((v) => !(v.values && v.credentialId), {
    message: "Give values or a credentialId, not both",
    path: ["credentialId"],
  });
export type ConnectionInput = z.infer<typeof connectionInput>;

export type WizardField = {
  key: string;
  label: string;
  type: string;
  required: boolean;
  secret: boolean;
  placeholder?: string;
  help?: string;
  /** Prefill of a non-secret field: the stored values are write-only, so this is the default only. */
  default?: string;
  hasDefault: boolean;
  set: boolean;
  /** The stored value of a non-secret field (editable); secret fields never carry one. */
  value?: string;
};

export type WizardConnection = {
  key: string;
  label: string;
  connectionType: { key: string; label: string; kind: string; description: string; traits: KindTraits };
  fields: WizardField[];
  credentialId: string | null;
  borrowed: boolean;
  allowScopeOverride: boolean;
  scopes: string | null;
  status: ConnectionStatus;
  statusReason: string;
  testable: boolean;
  /** Why CONNECT cannot start yet, naming the missing fields; null when it can (lib/instances/connect-readiness). */
  connectBlocked: string | null;
  /** OAuth connections holding tokens: when, which scopes, until when (never a token). */
  authorization: InstanceConnectionDto["authorization"];
  /** Existing credentials of this customer or the organization that this connection could use instead. */
  candidates: { id: string; label: string; owner: "customer" | "organization" }[];
};

function visibleTo(configurer: Configurer, v: Pick<ConfigVariable, "fields">, key: string): boolean {
  const settings = own(v.fields, key);
  return mayTouchField(configurer, settings?.visibility ?? "customer");
}

const configurerWords: Record<Configurer, string> = {
  organization: "the organization",
  customer: "the customer",
  embedded: "the embedding partner",
};

/** Auth methods a credential may have to serve a connection of this type: its own, or its kind's generic one. */
function compatibleMethods(type: ConnectionType): string[] {
  const generic = kindOf(type.kind).genericCredentialType;
  return generic && generic !== type.key ? [type.key, generic] : [type.key];
}

/** The connection type as the wizard's screens see it: its kind as traits. */
function wizardType(type: ConnectionType): WizardConnection["connectionType"] {
  return { key: type.key, label: type.label, kind: type.kind, description: type.description, traits: traitsOf(type) };
}

async function loadInstance(db: Db, scope: TenantScope, instanceId: string): Promise<InstanceRow> {
  const row = await findInstanceRow(db, scope, instanceId);
  if (!row) throw new NotFoundError("No such instance");
  return row;
}

/** The fields of a connection this configurer may see, with the defaults a form may prefill. */
export function wizardFields(
  type: ConnectionType,
  v: Pick<ConfigVariable, "fields">,
  configurer: Configurer,
  fieldsSet: string[],
): WizardField[] {
  return type.fields
    .filter((f) => visibleTo(configurer, v, f.key))
    .map((f) => {
      const s = own(v.fields, f.key);
      // Secret defaults stay on the server: the form only learns that one exists.
      const plainDefault = f.secret ? undefined : (s?.default ?? f.default);
      return {
        key: f.key,
        label: f.label,
        type: f.type,
        required: f.required,
        secret: f.secret,
        placeholder: f.placeholder,
        help: f.help,
        ...(plainDefault !== undefined ? { default: plainDefault } : {}),
        hasDefault: plainDefault !== undefined || !!s?.hasSecretDefault,
        set: fieldsSet.includes(f.key),
      };
    });
}

/** The wizard of an integration as a customer will see it, before any instance exists. */
export async function previewWizard(
  db: Db,
  organizationId: string,
  integrationId: string,
): Promise<WizardConnection[]> {
  const variables = await listConfigVariableRows(db, organizationId, integrationId);
  return Promise.all(
    variables.map(async (v): Promise<WizardConnection> => {
      const type = await connectionTypeOf(db, organizationId, v.connectionType);
      return {
        key: v.key,
        label: v.label,
        connectionType: wizardType(type),
        fields: wizardFields(type, v, "customer", []),
        credentialId: null,
        borrowed: false,
        allowScopeOverride: v.allowScopeOverride,
        scopes: null,
        status: "red",
        statusReason: "Not configured yet",
        testable: !!type.test,
        connectBlocked: connectBlockedReason(missingBeforeConnect(type, v, []), "customer"),
        authorization: null,
        candidates: [],
      };
    }),
  );
}

/** The wizard of an instance as this configurer sees it: hidden fields are left out for customers. */
export async function instanceWizard(
  db: Db,
  scope: TenantScope,
  instanceId: string,
  configurer: Configurer,
): Promise<{ instance: InstanceRow; connections: WizardConnection[] }> {
  const instance = await loadInstance(db, scope, instanceId);
  const [variables, bound] = await Promise.all([
    listConfigVariableRows(db, instance.organizationId, instance.integrationId),
    listInstanceConnectionRows(db, instance.organizationId, instanceId),
  ]);
  const authorizations = await authorizationsOf(
    db,
    { organizationId: instance.organizationId },
    bound.flatMap((b) => (b.credentialId ? [b.credentialId] : [])),
  );
  const connections = await Promise.all(
    variables.map(async (v): Promise<WizardConnection> => {
      const type = await connectionTypeOf(db, instance.organizationId, v.connectionType);
      const link = bound.find((b) => b.configVariableId === v.id);
      const credential = link?.credentialId
        ? await findCredential(db, { organizationId: instance.organizationId }, link.credentialId)
        : undefined;
      const { status, reason } = credential
        ? connectionStatus(credential)
        : { status: "red" as const, reason: "Not configured yet" };
      const candidates = await db
        .select({ id: credentials.id, label: credentials.label, customerId: credentials.customerId })
        .from(credentials)
        .where(
          and(
            eq(credentials.organizationId, instance.organizationId),
            or(eq(credentials.customerId, instance.customerId), isNull(credentials.customerId)),
            inArray(credentials.authMethod, compatibleMethods(type)),
          ),
        )
        .limit(100);
      const fields = wizardFields(type, v, configurer, credential?.fieldsSet ?? []);
      // Only the customer's own credential shows its values: a borrowed one is its owner's.
      const stored =
        credential && link?.ownsCredential
          ? await storedPlainValues(
              db,
              { organizationId: instance.organizationId },
              credential.id,
              type,
              fields.filter((f) => f.set).map((f) => f.key),
            )
          : {};
      return {
        key: v.key,
        label: v.label,
        connectionType: wizardType(type),
        fields: fields.map((f) => (Object.hasOwn(stored, f.key) ? { ...f, value: stored[f.key] } : f)),
        credentialId: credential?.id ?? null,
        borrowed: link ? !link.ownsCredential : false,
        allowScopeOverride: v.allowScopeOverride,
        scopes: link?.scopes ?? null,
        status,
        statusReason: reason,
        testable: !!type.test,
        connectBlocked: connectBlockedReason(missingBeforeConnect(type, v, credential?.fieldsSet ?? []), configurer),
        authorization: authorizationDto(credential ? authorizations.get(credential.id) : undefined),
        candidates: candidates
          .filter((c) => configurer === "organization" || c.customerId !== null || c.id === credential?.id)
          .map((c) => ({
            id: c.id,
            label: c.label,
            owner: c.customerId ? ("customer" as const) : ("organization" as const),
          })),
      };
    }),
  );
  return { instance, connections };
}

/** Sets a connection's values (creating the customer's credential on first save) or binds an existing credential. */
export async function setInstanceConnection(
  db: Db,
  scope: TenantScope,
  instanceId: string,
  key: string,
  input: ConnectionInput,
  requested: Configurer,
  userId: string | null,
) {
  // A customer's scope never configures as the organization, whatever the entry point asked for.
  const configurer = configurerFor(scope, requested);
  const instance = await loadInstance(db, scope, instanceId);
  const variable = (await listConfigVariableRows(db, instance.organizationId, instance.integrationId)).find(
    (v) => v.key === key,
  );
  if (!variable) throw new NotFoundError(`No connection "${key}" in this instance`);
  const type = await connectionTypeOf(db, instance.organizationId, variable.connectionType);
  if (input.scopes !== undefined && input.scopes !== null && !variable.allowScopeOverride)
    throw new ValidationError("Scopes are fixed", {
      scopes: "This integration does not allow a scope override for this connection",
    });
  const ownerScope: TenantScope = { organizationId: instance.organizationId, customerId: instance.customerId };
  const link = (await listInstanceConnectionRows(db, instance.organizationId, instanceId)).find(
    (b) => b.configVariableId === variable.id,
  );
  const owner = { organizationId: instance.organizationId, customerId: instance.customerId, instanceId };

  await db.transaction(async (tx) => {
    let credentialId = link?.credentialId ?? null;
    let owns = link?.ownsCredential ?? true;
    if (input.credentialId) {
      const chosen = await findCredential(tx, { organizationId: instance.organizationId }, input.credentialId);
      const usable =
        chosen &&
        (chosen.customerId === null || chosen.customerId === instance.customerId) &&
        (configurer === "organization" || chosen.customerId !== null || chosen.id === link?.credentialId);
      if (!usable)
        throw new ValidationError("No such credential", {
          credentialId: "No credential with this id that this customer may use",
        });
      if (!compatibleMethods(type).includes(chosen.authMethod))
        throw new ValidationError("Wrong kind of credential", {
          credentialId: `${chosen.label} is not a ${type.label} credential`,
        });
      if (owns && credentialId && credentialId !== chosen.id)
        await tx
          .delete(credentials)
          .where(and(eq(credentials.organizationId, instance.organizationId), eq(credentials.id, credentialId)));
      credentialId = chosen.id;
      owns = false;
    } else if (input.values) {
      const named = [...Object.keys(input.values), ...(input.clear ?? [])];
      const refused = refusedFields(configurer, named, (k) =>
        visibleTo(configurer, variable, k) ? "customer" : "hidden",
      );
      if (Object.keys(refused).length > 0) throw new ValidationError("Some fields are not yours to set", refused);
      const existing = owns && credentialId ? await findCredential(tx, ownerScope, credentialId) : undefined;
      // Fields the integration or the type supplies a default for need no value here.
      const inherited = fieldPolicyOf(variable, type).inherited;
      const given = Object.fromEntries(
        Object.entries(input.values).filter(([, value]) => value !== null && value.trim() !== ""),
      ) as Record<string, string>;
      // The wizard checks required fields: a customer-visible one must have a value, a default or a stored value.
      // The embedding partner sets its fields on their own, before or after the customer fills in the
      // wizard: what is still missing shows as an incomplete (red) connection instead.
      // So does the partner's server when it sets only "embedded" fields through the API.
      const partnerFieldsOnly =
        Object.keys(input.values).length > 0 &&
        Object.keys(input.values).every((k) => own(variable.fields, k)?.visibility === "embedded");
      const missing =
        configurer === "embedded" || partnerFieldsOnly
          ? []
          : type.fields.filter(
              (f) =>
                f.required &&
                visibleTo(configurer, variable, f.key) &&
                !own(given, f.key) &&
                !inherited.has(f.key) &&
                !(existing?.fieldsSet.includes(f.key) && !input.clear?.includes(f.key)),
            );
      if (missing.length > 0)
        throw new ValidationError(
          "Some required fields are empty",
          Object.fromEntries(missing.map((f) => [`values.${f.key}`, `${f.label} is required`])),
        );
      if (existing) {
        // The instance is the scope's; the credential is looked up in its organization so that the
        // configurer (not the owner) decides which fields may be written.
        await updateCredential(
          tx,
          { organizationId: instance.organizationId },
          existing.id,
          { values: given, ...(input.clear?.length ? { clear: input.clear } : {}) },
          configurer,
        );
      } else {
        // Only what was entered is stored: the integration's defaults stay on the config variable
        // and are merged in at use (lib/credentials/field-policy), hidden secrets included.
        const created = await createCredential(
          tx,
          ownerScope,
          {
            label: `${instance.name}: ${variable.label}`,
            authMethod: type.key,
            customerId: instance.customerId,
            values: given,
          },
          userId,
          { inherited },
        );
        credentialId = created.id;
        owns = true;
      }
    }
    if (link) {
      await tx
        .update(instanceConnections)
        .set({
          credentialId,
          ownsCredential: owns,
          ...(input.scopes !== undefined ? { scopes: input.scopes } : {}),
          updatedAt: new Date(),
        })
        .where(
          and(eq(instanceConnections.organizationId, instance.organizationId), eq(instanceConnections.id, link.id)),
        );
    } else {
      await tx.insert(instanceConnections).values({
        ...owner,
        configVariableId: variable.id,
        credentialId,
        ownsCredential: owns,
        scopes: input.scopes ?? null,
      });
    }
    // Binding a credential or changing scopes changes no credential: recorded here (values are, by the credential).
    if (input.credentialId || input.scopes !== undefined)
      await recordAudit(tx, {
        organizationId: instance.organizationId,
        action: "instance.connection_updated",
        target: { type: "instance", id: instanceId, name: instance.name },
        fields: [
          ...(input.credentialId ? [`connections.${key}.credentialId`] : []),
          ...(input.scopes !== undefined ? [`connections.${key}.scopes`] : []),
        ],
      });
    if (credentialId) {
      const what = input.credentialId
        ? "bound to an existing credential"
        : link?.credentialId
          ? "updated"
          : "configured";
      await recordEvent(tx, {
        ...owner,
        credentialId,
        name: link?.credentialId ? "updated" : "configured",
        level: "info",
        message: `${variable.label} ${what} by ${configurerWords[configurer]}`,
        metadata: { fields: Object.keys(input.values ?? {}) },
      });
    }
  });
}
