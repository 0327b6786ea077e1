import { createHash } from "node:crypto";

// The hash chain of an organization's audit trail. A row's hash covers everything it says (but the
// hand-over count, a counter raised within its minute) and the previous row's hash; the first
// row of a chain follows GENESIS, the first kept row after a trim follows the trimmed row's hash.

export const GENESIS = "0".repeat(64);

/** What a row's hash covers, in a fixed order. */
export type ChainedContent = {
  id: string;
  organizationId: string;
  seq: number;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  targetName: string | null;
  fields: string[];
  address: string | null;
  userAgent: string | null;
  requestId: string | null;
  handOverWindow: string | null;
  prevHash: string;
};

/** The hash of a row: SHA-256 over its content (as a JSON array) and the previous hash. */
export function chainHash(c: ChainedContent): string {
  const content = JSON.stringify([
    c.id,
    c.organizationId,
    c.seq,
    c.at.toISOString(),
    c.actorType,
    c.actorId,
    c.actorName,
    c.action,
    c.targetType,
    c.targetId,
    c.targetName,
    c.fields,
    c.address,
    c.userAgent,
    c.requestId,
    c.handOverWindow,
    c.prevHash,
  ]);
  return createHash("sha256").update(content).digest("hex");
}
