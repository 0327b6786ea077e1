import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { getCustomerDto, listCustomerDtos } from "@/lib/customers/service";
import { instanceConnectionLogs } from "@/lib/instances/logs";
import { getInstance, listInstances, type InstanceConnectionDto, type InstanceDto } from "@/lib/instances/service";
import { issueStartUrl } from "@/lib/oauth/start-tokens";
import { noControl, NO_CONTROL_MESSAGE } from "@/lib/validation/text";
import { callerScope, requireInstance, requirePermission, type McpCaller } from "./access";
import { callProxyTool, proxyToolInput } from "./proxy-tool";

// The tools Latchkey offers an AI agent over MCP. Each answers ids, names, statuses and reasons, a
// connection's recent log and single-use CONNECT links: never a credential's value or a token.

const id = (what: string) => z.uuid(`${what} must be an id (a UUID)`);
const connectionKey = z
  .string()
  .min(1, "key is the connection's key, as list_instances shows it")
  .max(100, "key is at most 100 characters")
  .refine(noControl, NO_CONTROL_MESSAGE);

/** What a tool says about a connection: its status and why, and when its authorization ends. */
export function connectionSummary(c: InstanceConnectionDto) {
  return {
    key: c.key,
    label: c.label,
    connectionType: c.connectionType,
    connectionTypeLabel: c.connectionTypeLabel,
    status: c.status,
    reason: c.statusReason,
    configured: c.credentialId !== null,
    authorization: c.authorization
      ? {
          authorizedAt: c.authorization.authorizedAt,
          expiresAt: c.authorization.expiresAt,
          grantedScopes: c.authorization.grantedScopes,
          needsReauthorization: c.authorization.needsReauthorization,
        }
      : null,
  };
}

function instanceSummary(i: InstanceDto) {
  return {
    id: i.id,
    name: i.name,
    integration: { id: i.integrationId, name: i.integrationName },
    customer: { id: i.customerId, name: i.customerName },
    connections: i.connections.map(connectionSummary),
  };
}

export const toolInputs = {
  list_customers: {
    search: z
      .string()
      .max(200, "search is at most 200 characters")
      .refine(noControl, NO_CONTROL_MESSAGE)
      .optional()
      .describe("part of a customer's name or external id"),
    limit: z.number().int().min(1, "limit is 1 to 100").max(100, "limit is 1 to 100").optional(),
  },
  list_instances: {
    customerId: id("customerId").optional().describe("only this customer's instances"),
    integrationId: id("integrationId").optional().describe("only this integration's instances"),
  },
  get_connection: {
    instanceId: id("instanceId"),
    key: connectionKey,
    logLimit: z.number().int().min(0, "logLimit is 0 to 50").max(50, "logLimit is 0 to 50").optional(),
  },
  create_connect_link: { instanceId: id("instanceId"), key: connectionKey },
  call_proxy: proxyToolInput,
};

type Input<K extends keyof typeof toolInputs> = z.infer<z.ZodObject<(typeof toolInputs)[K]>>;

export const tools = {
  async list_customers(db: Db, caller: McpCaller, input: Input<"list_customers">) {
    if (caller.instanceId) {
      const own = await getInstance(db, callerScope(caller), caller.instanceId);
      return { customers: [await getCustomerDto(db, caller.organizationId, own.customerId)] };
    }
    const page = await listCustomerDtos(db, caller.organizationId, {
      ...(input.search ? { search: input.search } : {}),
      limit: input.limit ?? 50,
    });
    return { customers: page.data, more: page.nextCursor !== null };
  },

  async list_instances(db: Db, caller: McpCaller, input: Input<"list_instances">) {
    const scope = callerScope(caller);
    const found = caller.instanceId
      ? [await getInstance(db, scope, caller.instanceId)].filter(
          (i) =>
            (!input.customerId || i.customerId === input.customerId) &&
            (!input.integrationId || i.integrationId === input.integrationId),
        )
      : await listInstances(db, scope, { ...input, limit: 100 });
    return { instances: found.map(instanceSummary) };
  },

  async get_connection(db: Db, caller: McpCaller, input: Input<"get_connection">) {
    requireInstance(caller, input.instanceId);
    const scope = callerScope(caller);
    const instance = await getInstance(db, scope, input.instanceId);
    const connection = instance.connections.find((c) => c.key === input.key);
    if (!connection)
      throw new McpInputError(
        `No connection "${input.key}" in this instance; it has ${instance.connections.map((c) => c.key).join(", ") || "none"}`,
      );
    const log = await instanceConnectionLogs(db, scope, input.instanceId, input.key, input.logLimit ?? 10);
    return {
      instance: { id: instance.id, name: instance.name },
      connection: connectionSummary(connection),
      log: log.map((l) => ({ at: l.createdAt, level: l.level, event: l.event, message: l.message })),
    };
  },

  async create_connect_link(db: Db, caller: McpCaller, input: Input<"create_connect_link">) {
    requireInstance(caller, input.instanceId);
    requirePermission(caller, "instances:write", "create CONNECT links");
    const started = await issueStartUrl(
      db,
      callerScope(caller),
      { instanceId: input.instanceId, configVarKey: input.key },
      caller.apiKeyId,
    );
    return {
      url: started.url,
      expiresAt: started.expiresAt.toISOString(),
      note: "Works once, within 10 minutes: give it to the person who is to authorize; they need no Latchkey account.",
    };
  },

  call_proxy: (db: Db, caller: McpCaller, input: Input<"call_proxy">) => callProxyTool(db, caller, input),
};

/** A tool input that is wrong in a way its schema cannot say (a key the instance lacks). */
export class McpInputError extends Error {}
