import { z } from "zod";
import { credentialMethodKeys, findBuiltInConnectionType } from "@/lib/connection-types/catalog/built-in";
import { fieldMaxLength, type ConnectionField, type ConnectionType } from "@/lib/connection-types/definition";
import { kindOf } from "@/lib/connection-types/kinds";
import { patternProblem } from "@/lib/connection-types/templates";

// zod schemas of credential input, built from the registry of connection types: a credential's
// auth method is a connection type's key (one of the six built-in auth methods, or any other).

const PEM_PRIVATE_KEY =
  /^-----BEGIN ((RSA|EC|DSA|ENCRYPTED|OPENSSH) )?PRIVATE KEY-----\r?\n[\s\S]+\r?\n-----END ((RSA|EC|DSA|ENCRYPTED|OPENSSH) )?PRIVATE KEY-----\s*$/;

export type ValidationOptions = { requireHttps: boolean };

function fieldIssue(def: ConnectionField, value: string, opts: ValidationOptions): string | undefined {
  const maxLength = fieldMaxLength(def);
  if (value.length > maxLength) return `${def.label} is too long: at most ${Math.round(maxLength / 1024)} KiB`;
  if (def.type !== "text" && /[\u0000-\u0008\u000a-\u001f\u007f]/.test(value))
    return `${def.label} contains control characters`;
  if (def.type === "url") {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return `${def.label} must be a full URL such as https://provider.example/path`;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return `${def.label} must use https`;
    if (opts.requireHttps && url.protocol !== "https:") return `${def.label} must use https`;
  }
  if (def.format === "private_key" && !PEM_PRIVATE_KEY.test(value.trim())) {
    return "Paste a PEM or OpenSSH private key, from -----BEGIN … PRIVATE KEY----- to -----END … PRIVATE KEY-----";
  }
  return patternProblem(def, value);
}

/** Checks submitted values against a method's fields; blank values mean "not given". */
function checkValues(
  method: ConnectionType,
  values: Record<string, unknown>,
  ctx: z.RefinementCtx,
  opts: ValidationOptions,
) {
  const known = new Map(method.fields.map((f) => [f.key, f]));
  for (const [key, value] of Object.entries(values)) {
    const def = known.get(key);
    if (!def) {
      ctx.addIssue({
        code: "custom",
        path: ["values", key],
        message: `${method.label} has no field "${key}"; its fields are ${[...known.keys()].join(", ")}`,
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== "string") {
      ctx.addIssue({ code: "custom", path: ["values", key], message: `${def.label} must be text` });
      continue;
    }
    if (value.trim() === "") continue;
    const issue = fieldIssue(def, value, opts);
    if (issue) ctx.addIssue({ code: "custom", path: ["values", key], message: issue });
  }
}

/** Keeps only given values: blank strings and nulls mean "leave as it is". */
export function givenValues(values: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values ?? {}))
    if (typeof v === "string" && v.trim() !== "") out[k] = v.replace(/\r\n/g, "\n");
  return out;
}

export const headerSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the header name")
    .max(100, "Header names are at most 100 characters")
    .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "A header name has letters, digits and - only"),
  value: z
    .string()
    .max(4096, "Header values are at most 4 KiB")
    .refine((v) => !/[\r\n\u0000]/.test(v), "A header value cannot contain line breaks"),
  on: z.enum(["authorize", "token", "both"], { message: "Choose authorize, token or both" }),
});
export type CredentialHeader = z.infer<typeof headerSchema>;

const label = z
  .string({ message: "Enter a name for the credential" })
  .trim()
  .min(1, "Enter a name for the credential")
  .max(200, "Keep the name under 200 characters");

const valuesRecord = z.record(z.string(), z.unknown(), { message: "values must be an object of field values" });
const headers = z.array(headerSchema).max(20, "At most 20 headers");
// Blank keeps a stored value (a secret cannot be shown, so blank is how it is kept); a stored value
// is removed only when named here.
const clear = z.array(z.string().max(100), { message: "clear must be a list of field keys" }).max(100);

/** Every key of `clear` must be a field of the method. */
function checkClear(method: ConnectionType, keys: string[] | undefined, ctx: z.RefinementCtx) {
  keys?.forEach((key, i) => {
    if (!method.fields.some((f) => f.key === key))
      ctx.addIssue({ code: "custom", path: ["clear", i], message: `${method.label} has no field "${key}"` });
  });
}

function checkHeaders(method: ConnectionType, given: unknown[] | undefined, ctx: z.RefinementCtx) {
  if (given && given.length > 0 && !kindOf(method.kind).traits.holdsTokens) {
    ctx.addIssue({ code: "custom", path: ["headers"], message: "Only OAuth 2.0 credentials send custom headers" });
  }
}

/** The body of a new credential. */
export function createCredentialSchema(opts: ValidationOptions) {
  return z
    .object({
      label,
      authMethod: z.string({ message: "Choose an auth method" }).min(1, "Choose an auth method"),
      customerId: z.uuid("customerId must be a customer's id").optional().nullable(),
      values: valuesRecord.default({}),
      headers: headers.optional(),
    })
    .superRefine((input, ctx) => {
      // A custom connection type's key is checked by the service, which knows the organization's types.
      const method = findBuiltInConnectionType(input.authMethod);
      if (!method) {
        if (!/^[a-z][a-z0-9_]*$/.test(input.authMethod))
          ctx.addIssue({
            code: "custom",
            path: ["authMethod"],
            message: `Unknown auth method "${input.authMethod}"; use one of ${credentialMethodKeys.join(", ")} or a connection type's key`,
          });
        return;
      }
      checkValues(method, input.values, ctx, opts);
      checkHeaders(method, input.headers, ctx);
    });
}

/** The body of a change to a credential; its auth method is fixed once created. */
export function updateCredentialSchema(method: ConnectionType, opts: ValidationOptions) {
  return z
    .object({
      label: label.optional(),
      values: valuesRecord.optional(),
      clear: clear.optional(),
      headers: headers.optional(),
    })
    .strict()
    .superRefine((input, ctx) => {
      checkValues(method, input.values ?? {}, ctx, opts);
      checkClear(method, input.clear, ctx);
      checkHeaders(method, input.headers, ctx);
    });
}

/** Whether a credential is ready to use, and if not, why: its kind decides. */
export function credentialCompleteness(
  method: ConnectionType,
  fieldsSet: readonly string[],
  authorized: boolean,
): { complete: boolean; reason: string | null } {
  return kindOf(method.kind).completeness(method.fields, fieldsSet, authorized);
}
