import http from "node:http";
import type { AddressInfo } from "node:net";

// A real webhook receiver on 127.0.0.1 for the delivery tests: it records every request and answers
// as the test's `answer` says (a status, a hang, a redirect, a huge body).

export type Received = { headers: Record<string, string>; body: string; at: number };
export type Answer = { status?: number; hang?: boolean; delayMs?: number; body?: string; location?: string };

export type Receiver = {
  url: string;
  received: Received[];
  /** How the next requests are answered (default 200). */
  answer: (r: Received, n: number) => Answer;
  /** The largest number of requests of one webhook-id in flight at once. */
  maxInFlightPerId: () => number;
  close: () => Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const inFlight = new Map<string, number>();
  let maxPerId = 0;
  const receiver: Receiver = {
    url: "",
    received: [],
    answer: () => ({ status: 200 }),
    maxInFlightPerId: () => maxPerId,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const r: Received = { headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      receiver.received.push(r);
      const id = headers["webhook-id"] ?? "";
      const now = (inFlight.get(id) ?? 0) + 1;
      inFlight.set(id, now);
      maxPerId = Math.max(maxPerId, now);
      const a = receiver.answer(r, receiver.received.length);
      const done = () => inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
      if (a.hang) {
        res.on("close", done);
        return;
      }
      setTimeout(() => {
        done();
        res.writeHead(a.status ?? 200, a.location ? { location: a.location } : {});
        res.end(a.body ?? "ok");
      }, a.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}
