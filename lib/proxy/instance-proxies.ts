import "server-only";
import type { Db } from "@/db/client";
import { findConnectionType } from "@/lib/connection-types/registry";
import { env } from "@/lib/env";
import { proxyBaseUrls } from "@/lib/connection-types/definition";
import { proxyTargetsOf, proxyUrlOf, type ConnectionProxyView } from "./describe";
import { proxyFigures } from "./figures";

/** The proxies of an instance's connections (those whose type declares one), with this server's figures. */
export async function instanceProxies(
  db: Db,
  organizationId: string,
  instanceId: string,
  connections: { key: string; label: string; connectionType: { key: string }; credentialId: string | null }[],
): Promise<ConnectionProxyView[]> {
  const views: ConnectionProxyView[] = [];
  for (const c of connections) {
    const type = await findConnectionType(db, organizationId, c.connectionType.key);
    if (!type?.proxy) continue;
    const bases = proxyBaseUrls(type.proxy);
    views.push({
      key: c.key,
      label: c.label,
      url: proxyUrlOf(env.baseUrl, instanceId, c.key),
      targets: proxyTargetsOf(type),
      names: Object.keys(bases).filter(Boolean),
      figures: c.credentialId ? proxyFigures(c.credentialId) : null,
    });
  }
  return views;
}
