import "server-only";
import type { ApiPrincipal } from "@/lib/api-keys/service";
import { can, type Permission } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/errors";
import type { TenantScope } from "@/lib/tenancy";

// Who may use which of Latchkey's MCP tools, decided here for every tool: an organization API key
// acts with its role across the organization; a runtime key acts for its own instance only (its
// customer, its connections), so that an agent given one cannot reach any other customer.

export type McpCaller = ApiPrincipal;

/** The tenant scope every tool's query takes: the caller's organization. */
export function callerScope(caller: McpCaller): TenantScope {
  return { organizationId: caller.organizationId };
}

/** Refuses a tool the caller's role may not use. */
export function requirePermission(caller: McpCaller, permission: Permission, what: string): void {
  if (!can(caller.role, permission))
    throw new ForbiddenError(`This API key's role (${caller.role}) may not ${what}; use a builder or admin key`);
}

/** Refuses an instance other than a runtime key's own. */
export function requireInstance(caller: McpCaller, instanceId: string): void {
  if (caller.instanceId !== null && caller.instanceId !== instanceId)
    throw new ForbiddenError("This is a runtime key: it may only reach its own instance");
}
