import { z } from "zod";
import { apiErrorSchema } from "./errors";

/** One documented operation of API v1, built from the same zod schemas the route parses with. */
export type Operation = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  tag: string;
  public?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  status?: number;
  /** When the operation can answer 409, what that means. */
  conflict?: string;
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function parameters(schema: z.ZodObject | undefined, where: "path" | "query") {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: where,
    required: where === "path" || !(field as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(field as z.ZodType, "input"),
  }));
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: jsonSchema(apiErrorSchema, "output") } },
});

/** The OpenAPI 3.1 document of the given operations. */
export function buildOpenApiDocument(operations: Operation[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const responses: Record<string, unknown> = {
      [String(op.status ?? 200)]: {
        description: "OK",
        ...(op.response ? { content: { "application/json": { schema: jsonSchema(op.response, "output") } } } : {}),
      },
      "400": errorResponse("The request is not valid; `fields` says what is wrong"),
      "404": errorResponse("Not found, or not the caller's"),
    };
    if (op.body) responses["413"] = errorResponse("The request body is larger than the route accepts");
    if (op.conflict) responses["409"] = errorResponse(op.conflict);
    if (!op.public) {
      responses["401"] = errorResponse("A missing, wrong or revoked API key");
      responses["403"] = errorResponse("The key's role may not do this");
      responses["429"] = {
        ...errorResponse(
          "Too many failed API key attempts from this address or with this key, or runtime requests too fast for the key",
        ),
        headers: {
          "Retry-After": {
            description: "Seconds to wait before trying again",
            schema: { type: "integer", minimum: 1 },
          },
        },
      };
    }
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.public ? { security: [] } : {}),
      parameters: [...parameters(op.params, "path"), ...parameters(op.query, "query")],
      ...(op.body
        ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Latchkey API",
      version: "1",
      description: "Connections and credentials broker. Errors: a 4xx status and {error: {code, message, fields}}.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An organization API key from Settings → API keys" },
      },
    },
    security: [{ apiKey: [] }],
    paths,
  };
}
