import type { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { apiErrorSchema } from "./errors";
import type { AnyRouteSpec } from "./spec";

// The OpenAPI 3.1 document of API v1, generated from the route specs the handlers run with.
// zod-openapi turns each schema named with `.meta({ id })` into components.schemas/<id>.

const json = (schema: z.ZodType) => ({ "application/json": { schema } });
const errorAnswer = (description: string) => ({ description, content: json(apiErrorSchema) });

function responses(spec: AnyRouteSpec): ZodOpenApiOperationObject["responses"] {
  const answers: ZodOpenApiOperationObject["responses"] = {
    [String(spec.status ?? 200)]: { description: "OK", content: json(spec.response) },
    "400": errorAnswer("The request is not valid; `fields` says what is wrong"),
    "404": errorAnswer("Not found, or not the caller's"),
  };
  if (spec.body) answers["413"] = errorAnswer("The request body is larger than the route accepts");
  if (spec.conflict) answers["409"] = errorAnswer(spec.conflict);
  if (spec.auth === "apiKey") {
    answers["401"] = errorAnswer("A missing, wrong or revoked API key");
    answers["403"] = errorAnswer("The key's role may not do this");
    answers["429"] = {
      ...errorAnswer(
        "Too many failed API key attempts from this address or with this key, or runtime requests too fast for the key",
      ),
      headers: {
        "Retry-After": { description: "Seconds to wait before trying again", schema: { type: "integer", minimum: 1 } },
      },
    };
  }
  return answers;
}

function operation(spec: AnyRouteSpec): ZodOpenApiOperationObject {
  const body = spec.documentedBody ?? spec.body;
  return {
    summary: spec.summary,
    tags: [spec.tag],
    ...(spec.auth === "none" ? { security: [] } : {}),
    requestParams: {
      ...(spec.params ? { path: spec.params as z.ZodObject } : {}),
      ...(spec.query ? { query: spec.query as z.ZodObject } : {}),
    },
    ...(body ? { requestBody: { required: true, content: json(body) } } : {}),
    responses: responses(spec),
  };
}

/** The OpenAPI 3.1 document of the given operations. */
export function buildOpenApiDocument(specs: readonly AnyRouteSpec[], serverUrl: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const spec of specs) {
    const method = spec.method.toLowerCase() as Lowercase<AnyRouteSpec["method"]>;
    (paths[spec.path] ??= {})[method] = operation(spec);
  }
  return createDocument(
    {
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
    },
    // Schemas zod cannot say in JSON Schema (a transform's output, a custom check) are documented
    // as "any value" rather than failing the whole document, as before.
    { allowEmptySchema: { custom: true, transform: true, pipe: true } },
  );
}
