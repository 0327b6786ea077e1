import { z } from "zod";

// The postMessage protocol between a partner's page and the embedded iframe (the README's Embedding section).
// Shared by the iframe's script and the server action that applies set-values; no server-only.

export const PROTOCOL_VERSION = 1;

/** Partner → iframe: set fields of a connection ("customer" and "embedded" ones, never "hidden"). */
export const setValuesMessage = z.object({
  type: z.literal("latchkey:set-values"),
  instanceId: z.uuid("instanceId must be an instance's id"),
  connection: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, "connection must be a config variable key")
    .max(64),
  values: z
    .record(z.string().max(64), z.string().max(65536, "A value is at most 64 KiB").nullable())
    .refine((v) => Object.keys(v).length > 0 && Object.keys(v).length <= 50, "Give between 1 and 50 values"),
  /** Echoed in the result, so the partner can match answers to requests. */
  requestId: z.string().max(100).optional(),
});
export type SetValuesMessage = z.infer<typeof setValuesMessage>;

/** Iframe → partner messages. */
export type OutgoingMessage =
  | { type: "latchkey:ready"; version: number; path: string }
  | { type: "latchkey:connection-changed"; instanceId: string; connection: string; status: "green" | "yellow" | "red" }
  | {
      type: "latchkey:set-values-result";
      requestId?: string;
      ok: true;
      instanceId: string;
      connection: string;
      status: "green" | "yellow" | "red";
    }
  | {
      type: "latchkey:set-values-result";
      requestId?: string;
      ok: false;
      error: string;
      fieldErrors?: Record<string, string>;
    };
