import "server-only";
import type { Db } from "@/db/client";
import { perDb } from "@/db/prepared";
import { groupWriter } from "@/lib/group-write";
import { currentRequestId } from "@/lib/request-context";
import { recordEvents, type ConnectionEvent } from "./events";

const writerOf = perDb((db) =>
  groupWriter(async (events: ConnectionEvent[]) => {
    await recordEvents(db, events, { quietRepeats: true });
    return events.map(() => undefined);
  }),
);

/**
 * Records a hand-over of a connection's values to integration code (a use, or a use that failed).
 * The runtime API calls this on every hand-over, often in tight loops: hand-overs that arrive while
 * a write is in flight are written together by the next statement of the batched event writer (the
 * caller still waits until its own event is stored). A success within a minute of the last one,
 * with no failure since, leaves the credential row alone.
 */
export function recordHandOver(db: Db, event: ConnectionEvent): Promise<void> {
  // Written later, maybe by another request's flush: the event keeps the id of its own.
  return writerOf(db)({ ...event, requestId: event.requestId ?? currentRequestId() ?? null });
}

/** Replaces every stored value that appears in a text (a provider may echo one back) with a mask. */
export function redactValues(text: string, values: Record<string, string>): string {
  let out = text;
  for (const value of Object.values(values)) if (value.length >= 4) out = out.split(value).join("•••");
  return out;
}
