import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { serveHotRoute } from "@/hot-routes";

/** Answered by the light door's stand-in for Next: a request the light door left alone. */
export const LEFT_TO_NEXT = 599;

/**
 * The light door of server.mjs in this process (on the tests' database): a listener that hands
 * requests to serveHotRoute and answers 599 for what it leaves to Next.
 */
export async function startLightDoor(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    if (serveHotRoute(req, res)) return;
    res.statusCode = LEFT_TO_NEXT;
    res.end("left to Next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
