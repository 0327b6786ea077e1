// Group writes: items that arrive while a write is in flight go together into the next one, so a
// burst of callers costs a few statements rather than one each. Every caller still waits until its
// own item is written, and gets its own result (or the write's error).

type Pending<T, R> = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };

/** A function that writes one item through `write`, which receives batches and answers a result per item, in order. */
export function groupWriter<T, R>(write: (items: T[]) => Promise<R[]>): (item: T) => Promise<R> {
  let pending: Pending<T, R>[] = [];
  let writing = false;

  async function flush() {
    writing = true;
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        const results = await write(batch.map((p) => p.item));
        batch.forEach((p, i) => p.resolve(results[i] as R));
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    writing = false;
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!writing) void flush();
    });
}
