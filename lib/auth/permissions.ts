import type { UserRole } from "@/db/schema";

// Who may do what. Pages, actions and routes ask `can`; nothing checks role names itself.
const grants = {
  "organization:read": ["admin", "builder", "viewer"],
  "organization:manage": ["admin"],
  "team:manage": ["admin"],
  "api-keys:manage": ["admin"],
  "catalog:write": ["admin", "builder"],
  "customers:write": ["admin", "builder"],
  "credentials:write": ["admin", "builder", "customer"],
  // Deploying an integration and configuring an instance: customer users do it for their own customer.
  "instances:write": ["admin", "builder", "customer"],
  // Outbox e-mails hold working authorization links: only those who could send them read them.
  "outbox:read": ["admin", "builder"],
  // The runtime API hands over secrets: integration code runs with a builder or admin key.
  "runtime:read": ["admin", "builder"],
  // Runtime keys of an instance: those who could read its runtime values themselves.
  "runtime-keys:manage": ["admin", "builder"],
  // Webhook endpoints: the team sees them; only admins add, change, rotate or delete them.
  "webhooks:read": ["admin", "builder", "viewer"],
  "webhooks:manage": ["admin"],
  // The audit trail names every member, key and hand-over of secrets: administrators only.
  "audit:read": ["admin"],
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof grants;

/** Whether a role holds a permission. */
export function can(role: UserRole, permission: Permission): boolean {
  return (grants[permission] as readonly UserRole[]).includes(role);
}
