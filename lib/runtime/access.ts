import "server-only";
import type { ApiPrincipal } from "@/lib/api-keys/service";
import { can } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { TenantScope } from "@/lib/tenancy";

/**
 * Who may use an instance's connections at run time (its values, its proxy): organization keys
 * whose role may read runtime values (builder, admin), and the instance's own runtime keys. A
 * runtime key of another instance finds nothing, as another tenant's key would. Both runtime
 * routes call this; the scope it answers is the one their queries take.
 */
export function runtimeScope(principal: ApiPrincipal, instanceId: string): TenantScope {
  if (principal.instanceId) {
    if (principal.instanceId !== instanceId) throw new NotFoundError("No such instance");
  } else if (!can(principal.role, "runtime:read")) {
    throw new ForbiddenError(`This API key's role (${principal.role}) may not use connections at run time`);
  }
  return { organizationId: principal.organizationId };
}
