import { z } from "zod";
import { routeSpec } from "../spec";

// The document that describes API v1, itself an operation of it.
export const metaSpecs = {
  openapi: routeSpec({
    method: "GET",
    path: "/api/v1/openapi.json",
    tag: "Meta",
    summary: "This document",
    auth: "none",
    response: z.object({ openapi: z.string() }).loose(),
  }),
};
