// A request body that may have to be sent twice (a refresh and one retry) is kept, up to a limit;
// a larger one streams through once, unread, and is not retried. A body without Content-Length is
// read up to the limit: if it ends there it is kept, otherwise what was read is sent ahead of the
// rest of the stream.

export const REPLAY_LIMIT = 1024 * 1024;

export type HeldBody =
  { replayable: true; bytes: Uint8Array | null } | { replayable: false; stream: ReadableStream<Uint8Array> };

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Keeps the body if it is at most `limit` bytes; otherwise hands it on as a stream. */
export async function holdBody(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | null,
  limit = REPLAY_LIMIT,
): Promise<HeldBody> {
  if (!body) return { replayable: true, bytes: null };
  const declared = declaredLength === null ? NaN : Number(declaredLength);
  if (Number.isFinite(declared) && declared > limit) return { replayable: false, stream: body };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { replayable: true, bytes: concat(chunks, total) };
    chunks.push(value);
    total += value.byteLength;
    if (total > limit) break;
  }
  const read = chunks;
  const stream = new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      const next = read.shift();
      if (next) return controller.enqueue(next);
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { replayable: false, stream };
}
