// Who is asking, as far as tenant data goes: always an organization, and for customer users (and,
// later, embedded users) one customer of it. Every tenant-scoped query takes one of these.
export type TenantScope = { organizationId: string; customerId?: string | null };

/** The scope of a signed-in user or API principal. */
export function scopeOf(who: { organizationId: string; customerId?: string | null; role?: string }): TenantScope {
  return who.role === "customer"
    ? { organizationId: who.organizationId, customerId: who.customerId ?? null }
    : { organizationId: who.organizationId };
}

/** Whether the scope is limited to one customer. */
export function isCustomerScope(scope: TenantScope): scope is { organizationId: string; customerId: string } {
  return typeof scope.customerId === "string";
}
