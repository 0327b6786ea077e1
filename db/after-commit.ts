import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "./client";

// Work to do once what a caller wrote is committed (the webhook delivery kick): inside a
// transaction it waits for the outermost one to commit, and is dropped if it rolls back; outside
// one, the statement has already committed and the work runs at once. Nested transactions
// (savepoints) run inside the outer one's context, so they join its list.

const pending = new AsyncLocalStorage<(() => void)[]>();

/** Runs `work` after the current transaction commits, or now when there is none. */
export function afterCommit(work: () => void): void {
  const list = pending.getStore();
  if (list) list.push(work);
  else work();
}

/** Makes db.transaction run the afterCommit work of its callback once it has committed. */
export function withAfterCommit(db: Db): Db {
  const transaction = db.transaction.bind(db);
  const wrapped: Db["transaction"] = async (fn, config) => {
    if (pending.getStore()) return transaction(fn, config);
    const list: (() => void)[] = [];
    const result = await pending.run(list, () => transaction(fn, config));
    for (const work of list) work();
    return result;
  };
  return Object.assign(db, { transaction: wrapped });
}
