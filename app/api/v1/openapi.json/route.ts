// GET /api/v1/openapi.json - the OpenAPI document of API v1, generated from the zod schemas
import { NextResponse } from "next/server";
import { operations } from "@/lib/api/contract";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/env";

export function GET() {
  return NextResponse.json(buildOpenApiDocument(operations, env.baseUrl));
}
