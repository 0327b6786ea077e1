import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@/db/client";
import { connectionTypeInputSchema, type ConnectionTypeInput } from "@/lib/connection-types/definition";
import { createConnectionType } from "@/lib/connection-types/service";
import { setInstanceConnection } from "@/lib/instances/connections";
import { deployInstance } from "@/lib/instances/service";
import { createIntegration } from "@/lib/integrations/service";
import { integrationInput } from "@/lib/integrations/schemas";
import type { Org } from "./oauth-fixtures";

// The world of the proxy tests: a real upstream HTTP server on 127.0.0.1 that records what it
// receives (method, path, headers, body size) and answers what each test asks of it, and helpers
// to declare a type with a proxy, deploy it, and call the proxy route the way integration code does.

export type Received = { method: string; url: string; headers: IncomingMessage["headers"]; bodyBytes: number };
export type Upstream = {
  url: string;
  received: Received[];
  /** The answer of the next requests; the default echoes what was received as JSON. */
  answer: (req: IncomingMessage, res: ServerResponse, received: Received) => void;
  close: () => Promise<void>;
};

/** Echoes what was received, as JSON. */
export const echo: Upstream["answer"] = (_req, res, received) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(received));
};

/** An upstream on 127.0.0.1; each request body is read (counted, not kept) before `answer` runs. */
export async function startUpstream(): Promise<Upstream> {
  const upstream: Upstream = { url: "", received: [], answer: echo, close: async () => {} };
  const server: Server = createServer((req, res) => {
    let bodyBytes = 0;
    req.on("data", (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on("end", () => {
      const received = { method: req.method!, url: req.url!, headers: req.headers, bodyBytes };
      upstream.received.push(received);
      try {
        upstream.answer(req, res, received);
      } catch (error) {
        // A failing check in a test's answer is a 500 the test sees, not a hung call.
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  upstream.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return upstream;
}

/** Declares a custom type of the organization. */
export async function declareType(db: Db, org: Org, input: ConnectionTypeInput) {
  return createConnectionType(db, org.organizationId, connectionTypeInputSchema.parse(input));
}

/** An integration with one connection "api" of the type, deployed to the org's customer, its values set. */
export async function deployWith(db: Db, org: Org, typeKey: string, values?: Record<string, string>) {
  const integration = await createIntegration(
    db,
    org.organizationId,
    integrationInput.parse({
      name: `Proxy ${randomUUID()}`,
      configVariables: [{ key: "api", label: "The API", connectionType: typeKey }],
    }),
  );
  const instance = await deployInstance(
    db,
    org.scope,
    { integrationId: integration.id, customerId: org.customerId, name: `Proxy ${randomUUID().slice(0, 8)}` },
    null,
  );
  if (values) await setInstanceConnection(db, org.scope, instance.id, "api", { values }, "organization", null);
  return { instanceId: instance.id, integrationId: integration.id };
}

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/** Calls the proxy route handler as integration code would: a bearer key, the path after /proxy/. */
export async function callProxy(
  o: { instanceId: string; key?: string; apiKey: string; path: string; method?: string },
  init: { headers?: Record<string, string>; body?: BodyInit | ReadableStream<Uint8Array> } = {},
): Promise<Response> {
  const route =
    (await import("@/app/api/v1/instances/[id]/connections/[key]/proxy/[[...path]]/route")) as unknown as Record<
      string,
      Handler
    >;
  const method = o.method ?? "GET";
  const key = o.key ?? "api";
  const [pathname] = o.path.split("?");
  const params = {
    id: o.instanceId,
    key,
    path: pathname!.split("/").map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    }),
  };
  const request = new Request(`http://localhost/api/v1/instances/${o.instanceId}/connections/${key}/proxy/${o.path}`, {
    method,
    headers: { authorization: `Bearer ${o.apiKey}`, ...init.headers },
    body: init.body as BodyInit | undefined,
    ...(init.body ? { duplex: "half" } : {}),
  } as RequestInit);
  return route[method === "HEAD" ? "HEAD" : method]!(request, { params: Promise.resolve(params) });
}
