import { RateLimitedError } from "@/lib/api/key-auth";
import { takeRuntimeRequest } from "@/lib/runtime/rate-limit";

// What keeps a runaway job from exhausting a customer's quota: at most `concurrency` calls in
// flight per connection (more wait their turn, answer body included), and an optional rate per
// minute (429 past it, with Retry-After). Both are counted in this process, like the runtime key
// limit: with several app servers the effective limit is this times their number.

type Gate = { running: number; waiting: (() => void)[] };
const shared = globalThis as { latchkeyProxyGates?: Map<string, Gate> };
const gates = (shared.latchkeyProxyGates ??= new Map<string, Gate>());

/** Refuses a call past the connection's rate (429 with Retry-After). */
export function takeProxyRate(credentialId: string, perMinute: number | undefined): void {
  if (!perMinute) return;
  const verdict = takeRuntimeRequest(`proxy:${credentialId}`, Date.now(), perMinute);
  if (!verdict.allowed)
    throw new RateLimitedError(
      `This connection's proxy allows ${perMinute} calls a minute; slow down`,
      verdict.retryAfterSeconds,
    );
}

/** Waits for a free slot of the connection; the answer is the release (call it once). */
export async function enterProxyGate(credentialId: string, concurrency: number): Promise<() => void> {
  let gate = gates.get(credentialId);
  if (!gate) {
    gate = { running: 0, waiting: [] };
    gates.set(credentialId, gate);
  }
  const g = gate;
  if (g.running >= concurrency) await new Promise<void>((resolve) => g.waiting.push(resolve));
  else g.running += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = g.waiting.shift();
    if (next) next();
    else {
      g.running -= 1;
      if (g.running === 0) gates.delete(credentialId);
    }
  };
}

/** The body, calling `done` once when it has been read to the end, failed or been cancelled. */
export function releasingBody(
  body: ReadableStream<Uint8Array> | null,
  done: () => void,
): ReadableStream<Uint8Array> | null {
  if (!body) {
    done();
    return null;
  }
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done: end, value } = await reader.read();
        if (end) {
          done();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        done();
        controller.error(error);
      }
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
}

/** How many calls of a connection wait for a slot (the instance screen, and tests that wait on it). */
export function proxyCallsWaiting(credentialId: string): number {
  return gates.get(credentialId)?.waiting.length ?? 0;
}
