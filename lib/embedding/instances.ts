import "server-only";
import type { Db } from "@/db/client";
import { NotFoundError } from "@/lib/errors";
import { instanceWizard } from "@/lib/instances/connections";
import { logSecurityEvent } from "@/lib/log";

type EmbeddedUser = { id: string; organizationId: string; customerId: string };

/**
 * The configuration wizard of an instance as an embedded user sees it ("embedded" and "hidden"
 * fields left out). Another customer's instance, or none, is NotFoundError and a log line: the
 * partner's page is not Latchkey's, so probing for ids is worth knowing about.
 */
export async function embeddedInstanceWizard(db: Db, user: EmbeddedUser, instanceId: string) {
  try {
    return await instanceWizard(
      db,
      { organizationId: user.organizationId, customerId: user.customerId },
      instanceId,
      "customer",
    );
  } catch (error) {
    if (error instanceof NotFoundError) logEmbeddedNotFound(user, instanceId);
    throw error;
  }
}

/** Logs an embedded user's request for an instance outside its customer (or one that does not exist). */
export function logEmbeddedNotFound(user: EmbeddedUser, instanceId: string): void {
  logSecurityEvent("embedded request refused", {
    user: user.id,
    customer: user.customerId,
    instance: instanceId.slice(0, 100),
    refusal: "no such instance for this customer",
  });
}
