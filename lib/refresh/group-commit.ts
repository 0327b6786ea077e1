import "server-only";
import type { Db } from "@/db/client";
import { groupWriter } from "@/lib/group-write";
import { commitRefreshed, commitRefreshedMany, type Refreshed } from "./commit";

// A refresh run's group commit: refreshes that finish while a commit is being written go together
// in the next statement. One connection writes the run's outcomes, so the claims of the next
// credentials never queue behind a crowd of single-row commits.

/** Commits a refreshed token set; true when this claim still held the lease and it was written. */
export type Committer = (item: Refreshed) => Promise<boolean>;

export function groupCommitter(db: Db): Committer {
  return groupWriter(async (items: Refreshed[]) => {
    const written = await commitRefreshedMany(db, items);
    return items.map((i) => written.has(i.claim.credentialId));
  });
}

/** Without a group: each outcome in a statement of its own (the runtime API's single refresh). */
export function directCommitter(db: Db): Committer {
  return async ({ claim, next, log }) => (await commitRefreshed(db, claim, next, log)).written;
}
