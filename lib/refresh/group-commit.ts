import "server-only";
import type { Db } from "@/db/client";
import { commitRefreshedMany, type Refreshed } from "./commit";

// A refresh run's group commit: refreshes that finish while a commit is being written wait for
// it and go together in the next statement. One connection writes the run's outcomes, so the
// claims of the next credentials never queue behind a crowd of single-row commits.

export type Committer = (item: Refreshed) => Promise<boolean>;

export function groupCommitter(db: Db): Committer {
  let pending: { item: Refreshed; resolve: (written: boolean) => void; reject: (error: unknown) => void }[] = [];
  let writing = false;

  async function flush() {
    writing = true;
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        const written = await commitRefreshedMany(
          db,
          batch.map((p) => p.item),
        );
        for (const p of batch) p.resolve(written.has(p.item.claim.credentialId));
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    writing = false;
  }

  return (item) =>
    new Promise<boolean>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!writing) void flush();
    });
}

/** Without a group: each outcome in a statement of its own (the runtime API's single refresh). */
export function directCommitter(db: Db): Committer {
  return async (item) => (await commitRefreshedMany(db, [item])).has(item.claim.credentialId);
}
