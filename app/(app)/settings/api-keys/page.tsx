import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { ApiKeyManager } from "@/components/api-keys/api-key-manager";
import { McpClientHelp } from "@/components/api-keys/mcp-client-help";
import { env } from "@/lib/env";
import { listApiKeys } from "@/lib/api-keys/queries";
import { can } from "@/lib/auth/permissions";
import { requireTeamMember } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API keys" };

// GET /settings/api-keys - the organization's API keys: name, prefix, last use; admins create and revoke
export default async function ApiKeysPage() {
  const user = await requireTeamMember();
  const keys = await listApiKeys(await getDb(), user.organizationId);
  return (
    <>
      <ApiKeyManager
        canManage={can(user.role, "api-keys:manage")}
        keys={keys.map((k) => ({
          id: k.id,
          name: k.name,
          role: k.role,
          tokenPrefix: k.tokenPrefix,
          createdAt: k.createdAt.toISOString(),
          lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
          revokedAt: k.revokedAt?.toISOString() ?? null,
        }))}
      />
      <McpClientHelp url={`${env.baseUrl}/api/mcp`} />
    </>
  );
}
