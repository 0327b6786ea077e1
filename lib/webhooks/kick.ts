import "server-only";
import { afterCommit } from "@/db/after-commit";
import { openedDb } from "@/db/client";
import { logUnexpected } from "@/lib/log";

// The process that wrote an event sends its deliveries right after the change commits, so that an
// endpoint hears of it within moments rather than at the next sweep. Kicks coalesce: while a round
// runs, further kicks only ask for one more round after it. What a kick misses (a crash, another
// server's lease) the scheduler and the cron route sweep up.

let running = false;
let again = false;
let idle: Promise<void> = Promise.resolve();
let settle: () => void = () => {};

/** Asks for a delivery round once the caller's transaction (if any) has committed. */
export function kickDelivery(): void {
  afterCommit(() => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    idle = new Promise((resolve) => (settle = resolve));
    setImmediate(() => void round());
  });
}

async function round() {
  try {
    const { deliverDue } = await import("./deliver");
    const db = await openedDb();
    if (!db) return;
    do {
      again = false;
      await deliverDue(db);
    } while (again);
  } catch (error) {
    logUnexpected("webhook delivery", error);
  } finally {
    running = false;
    settle();
  }
}

/** Resolves when no kicked round is running (scripts and tests, before they close the database). */
export function whenDeliveryIdle(): Promise<void> {
  return idle;
}
