import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { EmbeddingOriginsForm } from "@/components/embedding/embedding-origins-form";
import { PartnerSnippet } from "@/components/embedding/partner-snippet";
import { SigningKeyManager } from "@/components/embedding/signing-key-manager";
import { can } from "@/lib/auth/permissions";
import { requireTeamMember } from "@/lib/auth/session";
import { listSigningKeys } from "@/lib/embedding/signing-keys";
import { env } from "@/lib/env";
import { getOrganization } from "@/lib/organizations/queries";

export const metadata: Metadata = { title: "Embedding" };

// GET /settings/embedding - the partner's signing public keys, the origins allowed to frame Latchkey and to be redirected to, and a snippet to start from
export default async function EmbeddingSettingsPage() {
  const user = await requireTeamMember();
  const db = await getDb();
  const [organization, keys] = await Promise.all([
    getOrganization(db, user.organizationId),
    listSigningKeys(db, user.organizationId),
  ]);
  const canManage = can(user.role, "organization:manage");
  return (
    <div className="space-y-10">
      <SigningKeyManager
        canManage={canManage}
        keys={keys.map(({ id, label, algorithm, keyId, fingerprint, createdAt }) => ({
          id,
          label,
          algorithm,
          keyId,
          fingerprint,
          createdAt,
        }))}
      />
      <EmbeddingOriginsForm
        canManage={canManage}
        allowedFrameOrigins={organization.allowedFrameOrigins}
        allowedRedirectOrigins={organization.allowedRedirectOrigins}
      />
      <PartnerSnippet
        latchkeyUrl={env.baseUrl}
        organizationId={organization.id}
        organizationSlug={organization.slug}
        keyId={keys.at(-1)?.keyId ?? null}
        algorithm={keys.at(-1)?.algorithm ?? "RS256"}
        frameOriginsSet={organization.allowedFrameOrigins.length > 0}
      />
    </div>
  );
}
