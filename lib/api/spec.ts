import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";

// What one API v1 operation is: its method and path, who may call it, what it reads and what it
// answers. The route handler parses and authorizes with it (apiRoute) and the OpenAPI document is
// generated from it, so the two cannot drift apart.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteAuth = "apiKey" | "none";

export type RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  A extends RouteAuth = RouteAuth,
> = {
  method: HttpMethod;
  /** The OpenAPI path, `{name}` for each segment the route file names `[name]`. */
  path: `/api/v1/${string}`;
  summary: string;
  tag: string;
  /** "apiKey": a bearer organization key; "none": public. */
  auth: A;
  /** What the key's role must allow. Reads need none beyond a valid key. */
  permission?: Permission;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * The body as documented, where the route parses a looser schema because only the stored row
   * knows the rest (a credential's values are checked against its own auth method).
   */
  documentedBody?: z.ZodType;
  /** The cap of the body in bytes (413 past it); 1 MiB unless said. */
  bodyLimit?: number;
  /** The status of a success; 200 unless said. */
  status?: 200 | 201;
  response: z.ZodType;
  /** When the operation can answer 409, what that means. */
  conflict?: string;
};

/** Any operation's spec, as the document generator and the tests see it. */
export type AnyRouteSpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType, RouteAuth>;

/** Declares one operation; the generics keep the schemas' types for the handler. */
export function routeSpec<
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<undefined>,
  A extends RouteAuth = "apiKey",
>(spec: RouteSpec<P, Q, B, A>): RouteSpec<P, Q, B, A> {
  return spec;
}
