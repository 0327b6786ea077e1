import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import type { ApiPrincipal } from "@/lib/api-keys/service";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { logUnexpected } from "@/lib/log";
import { metrics } from "@/lib/ops/metrics";
import { runForRequest } from "@/lib/http/in-request";
import { setActor } from "@/lib/request-context";
import { DEFAULT_BODY_LIMIT, readBodyText } from "@/lib/http/body";
import { ApiError, toApiError, zodFields } from "./errors";
import { readRuntimeConnection, type RuntimeLoad } from "@/lib/runtime/lookup";
import { authenticateRuntimeCall, authenticateWithLimits, errorHeaders } from "./key-auth";
import type { AnyRouteSpec, RouteAuth, RouteSpec } from "./spec";
import { unreadableFields } from "./unreadable";

type Context<P, Q, B, A> = {
  params: P;
  query: Q;
  body: B;
  principal: A;
  db: Db;
  request: Request;
  /** The runtime read of a connection: for a runtime route, the one its key check already made. */
  runtimeRead: RuntimeLoad;
};
type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** A route handler of API v1, carrying the spec it was built from (the document and its tests read it). */
export type ApiRouteHandler = ((request: Request, context?: RouteContext) => Promise<Response>) & {
  readonly spec: AnyRouteSpec;
};

function bearer(request: Request): string | null {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

async function readJson(request: Request, limit: number | undefined): Promise<unknown> {
  const text = await readBodyText(request, limit ?? DEFAULT_BODY_LIMIT);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON");
  }
}

/** 400 naming the fields that hold NUL bytes or a path segment that is not valid UTF-8. */
function refuseUnreadable(value: unknown, where: string): void {
  const fields = unreadableFields(value);
  if (Object.keys(fields).length > 0) throw new ApiError(400, "invalid_request", `The ${where} is not valid`, fields);
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError(400, "invalid_request", `The ${where} is not valid`, zodFields(result.error));
  return result.data;
}

/**
 * Under the test runner every answer is held to its spec's schema, so that each test calling a
 * route also checks the document against what the route really answers; a server never pays for it.
 * The error names paths and rules only, never a value.
 */
function checkAnswer(spec: AnyRouteSpec, result: unknown): void {
  if (env.NODE_ENV !== "test" || result instanceof Response) return;
  const check = spec.response.safeParse(result);
  if (!check.success)
    throw new Error(
      `The answer of ${spec.method} ${spec.path} does not match its spec: ${JSON.stringify(zodFields(check.error))}`,
    );
}

/**
 * The one wrapper of every /api/v1 route: authenticates, parses params, query and body with zod as
 * its spec says, answers with the spec's status, and maps errors to the contract's shape. Unknown
 * errors are logged and answered 500 without detail.
 */
export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends RouteAuth>(
  spec: RouteSpec<P, Q, B, A>,
  handler: (ctx: Context<z.infer<P>, z.infer<Q>, z.infer<B>, A extends "apiKey" ? ApiPrincipal : null>) => unknown,
): ApiRouteHandler {
  const route = async (request: Request, context?: RouteContext): Promise<Response> => {
    try {
      const db = await getDb();
      let principal: ApiPrincipal | null = null;
      let runtimeRead = readRuntimeConnection(db);
      const rawParams = (context ? await context.params : undefined) ?? {};
      if (spec.auth === "apiKey") {
        const token = bearer(request);
        if (!token) throw new ApiError(401, "unauthorized", "Send an API key as `Authorization: Bearer <key>`");
        const runtime = spec.permission === "runtime:read";
        // A runtime call (the hot path) checks its key and reads its connection in one round trip.
        // Only with params it would accept: a malformed id is the params' 400, after the key's check.
        const named =
          runtime && Object.keys(unreadableFields(rawParams)).length === 0 && spec.params?.safeParse(rawParams);
        const { id, key } = (named && named.success ? named.data : {}) as { id?: unknown; key?: unknown };
        if (typeof id === "string" && typeof key === "string") {
          ({ principal, load: runtimeRead } = await authenticateRuntimeCall(db, request, token, {
            instanceId: id,
            key,
          }));
        } else principal = await authenticateWithLimits(db, request, token, runtime);
        setActor({
          type: principal.instanceId ? "runtime_key" : "api_key",
          id: principal.apiKeyId,
          name: principal.apiKeyName,
        });
        if (principal.instanceId && spec.permission !== "runtime:read") {
          throw new ApiError(
            403,
            "forbidden",
            "This is a runtime key: it may only read the runtime values of its own instance",
          );
        }
        if (spec.permission && !can(principal.role, spec.permission)) {
          throw new ApiError(403, "forbidden", `This API key's role (${principal.role}) may not do this`);
        }
      }
      refuseUnreadable(rawParams, "path");
      const params = spec.params ? parse(spec.params, rawParams, "path") : rawParams;
      const url = new URL(request.url);
      const rawQuery = Object.fromEntries(url.searchParams);
      refuseUnreadable(rawQuery, "query");
      const query = spec.query ? parse(spec.query, rawQuery, "query") : {};
      const rawBody = spec.body ? await readJson(request, spec.bodyLimit) : undefined;
      if (spec.body) refuseUnreadable(rawBody, "request body");
      const body = spec.body ? parse(spec.body, rawBody, "request body") : undefined;
      const result: unknown = await handler({
        params,
        query,
        body,
        principal: principal as A extends "apiKey" ? ApiPrincipal : null,
        db,
        request,
        runtimeRead,
      } as Context<z.infer<P>, z.infer<Q>, z.infer<B>, A extends "apiKey" ? ApiPrincipal : null>);
      checkAnswer(spec, result);
      return result instanceof Response ? result : NextResponse.json(result, { status: spec.status ?? 200 });
    } catch (error) {
      const { status, body, unexpected } = toApiError(error);
      if (unexpected) logUnexpected(`${request.method} ${new URL(request.url).pathname}`, error);
      // A runtime call refused before it reached the hand-over (no key, wrong key, rate limit).
      if (spec.permission === "runtime:read" && (status === 401 || status === 403 || status === 429))
        metrics.runtimeCalls.inc({ outcome: "refused" });
      return NextResponse.json(body, { status, headers: errorHeaders(error, status) });
    }
  };
  const inContext = (request: Request, context?: RouteContext) => runForRequest(request, () => route(request, context));
  return Object.assign(inContext, { spec: spec as AnyRouteSpec });
}
