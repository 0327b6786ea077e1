import { z } from "zod";

// The documented answers that no domain module declares as a schema of its own: the services
// return these shapes, and the OpenAPI document names them under components.schemas.

export const deletedAnswer = z.object({ deleted: z.literal(true) });

export const connectionTypeAnswer = z
  .object({ key: z.string(), label: z.string(), kind: z.string(), builtIn: z.boolean() })
  .loose()
  .meta({ id: "ConnectionType" });

export const connectionAnswer = z
  .object({
    key: z.string(),
    label: z.string(),
    connectionType: z.string(),
    credentialId: z.uuid().nullable(),
    status: z.enum(["green", "yellow", "red"]),
    statusReason: z.string(),
    authorization: z
      .object({
        authorizedAt: z.string(),
        expiresAt: z.string().nullable(),
        grantedScopes: z.array(z.string()),
        refreshable: z.boolean(),
        needsReauthorization: z.boolean(),
        nextRefreshAt: z.string().nullable(),
        lastRefreshedAt: z.string().nullable(),
        consecutiveFailures: z.number(),
      })
      .nullable()
      .optional(),
  })
  .loose()
  .meta({ id: "InstanceConnection" });

export const instanceAnswer = z
  .object({
    id: z.uuid(),
    name: z.string(),
    integrationId: z.uuid(),
    customerId: z.uuid(),
    connections: z.array(connectionAnswer),
  })
  .loose()
  .meta({ id: "Instance" });

export const authorizationUrlAnswer = z
  .object({ url: z.string(), expiresAt: z.string() })
  .meta({ id: "AuthorizationUrl" });

export const disconnectAnswer = z
  .object({
    disconnected: z.literal(true),
    revocation: z.enum(["revoked", "failed", "not_supported", "nothing_to_revoke"]),
    message: z.string(),
  })
  .meta({ id: "Disconnect" });

export const connectionTestAnswer = z.object({ ok: z.boolean(), status: z.number().nullable(), message: z.string() });

export const connectionLogAnswer = z
  .object({
    id: z.uuid(),
    level: z.enum(["info", "warn", "error"]),
    event: z.string(),
    message: z.string(),
    createdAt: z.string(),
  })
  .loose()
  .meta({ id: "ConnectionLogEntry" });
