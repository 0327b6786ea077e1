import "server-only";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { findBuiltInConnectionType } from "@/lib/catalog/built-in";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { outboundUrlProblem } from "@/lib/outbound/fetch";
import type { connectionTypeInputSchema} from "./definition";
import { toConnectionType, type ConnectionType } from "./definition";
import { insertConnectionTypeRow } from "./queries";
import { findConnectionType } from "./registry";

export { listConnectionTypes, findConnectionType } from "./registry";

/** URL problems of a definition: defaults of url fields and the test URL (outside development, https only). */
function urlIssues(type: ConnectionType): Record<string, string> {
  const issues: Record<string, string> = {};
  type.fields.forEach((f, i) => {
    // A type's definition is stored as it is; secret defaults belong in a config variable, encrypted.
    if (f.secret && f.default) issues[`fields.${i}.default`] = `${f.label} is secret: set its default in an integration's config variable, where it is stored encrypted`;
    if (f.type !== "url" || !f.default) return;
    const problem = outboundUrlProblem(f.default);
    if (problem) issues[`fields.${i}.default`] = `${f.label}: ${problem}`;
  });
  if (type.test && !/\{\{/.test(type.test.url)) {
    const problem = outboundUrlProblem(type.test.url);
    if (problem) issues["test.url"] = problem;
  }
  return issues;
}

/** Declares a custom connection type for the organization. */
export async function createConnectionType(db: Db, organizationId: string, input: z.output<typeof connectionTypeInputSchema>): Promise<ConnectionType> {
  if (findBuiltInConnectionType(input.key)) throw new ConflictError(`"${input.key}" is a built-in connection type`, { key: "A built-in connection type has this key; choose another" });
  const type = toConnectionType(input, false);
  const issues = urlIssues(type);
  if (Object.keys(issues).length > 0) throw new ValidationError("Some URLs cannot be used", issues);
  const row = await insertConnectionTypeRow(db, organizationId, { key: input.key, label: input.label, kind: input.kind, definition: input as unknown as Record<string, unknown> });
  if (!row) throw new ConflictError(`A connection type with key "${input.key}" exists`, { key: "Your organization already has a connection type with this key" });
  return type;
}

/** One connection type, or NotFoundError. */
export async function getConnectionType(db: Db, organizationId: string, key: string): Promise<ConnectionType> {
  const type = await findConnectionType(db, organizationId, key);
  if (!type) throw new NotFoundError("No such connection type");
  return type;
}
