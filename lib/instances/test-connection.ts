import "server-only";
import { own } from "@/lib/validation/own";
import type { Db } from "@/db/client";
import { kindOf } from "@/lib/connection-types/kinds";
import { recordEvent } from "@/lib/connections/events";
import { redactValues } from "@/lib/connections/usage";
import { withInheritedValues } from "@/lib/credentials/field-policy";
import { readCredentialTokens, readCredentialValues } from "@/lib/credentials/secrets";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { outboundFetch, OutboundRequestError } from "@/lib/outbound/fetch";
import type { TenantScope } from "@/lib/tenancy";
import { connectionTypeOf } from "@/lib/integrations/config-variables";
import { getInstance } from "./service";

// Test connection: the type's test request with the credential applied. Success turns the
// connection green and failure red; both are logged with the HTTP status and a short reason.

export type TestResult = { ok: boolean; status: number | null; message: string };

/** Fills {{field}} placeholders with URL-encoded values; a missing value is an error the user can fix. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-z0-9_]+)\s*\}\}/g, (match: string, key: string, offset: number) => {
    const value = own(values, key);
    if (value === undefined || value === "")
      throw new ValidationError(`Set ${key} first`, { [`values.${key}`]: "Needed by the test request" });
    // A placeholder that starts the URL is its base (inserted as it is); anywhere else it is encoded.
    if (offset !== 0) return encodeURIComponent(value);
    return match.length === template.length ? value : value.replace(/\/+$/, "");
  });
}

/** A short reason for a failed answer, from the status and (when it is text) the start of the body. */
async function failureReason(response: Response): Promise<string> {
  const text = (await response.text().catch(() => "")).replace(/\s+/g, " ").trim();
  const status = `${response.status} ${response.statusText || ""}`.trim();
  return text && !/^</.test(text) ? `${status}: ${text.slice(0, 160)}` : status;
}

/** Runs a connection's test request and records the outcome. */
export async function testInstanceConnection(
  db: Db,
  scope: TenantScope,
  instanceId: string,
  key: string,
): Promise<TestResult> {
  const instance = await getInstance(db, scope, instanceId);
  const connection = instance.connections.find((c) => c.key === key);
  if (!connection) throw new NotFoundError(`No connection "${key}" in this instance`);
  const type = await connectionTypeOf(db, scope.organizationId, connection.connectionType);
  if (!type.test) throw new ValidationError(`${type.label} has no test request`);
  if (!connection.credentialId) throw new ValidationError("Configure this connection first");
  const owner = {
    organizationId: scope.organizationId,
    customerId: instance.customerId,
    credentialId: connection.credentialId,
    instanceId,
  };
  // The base URL and keys the integration keeps hidden come from its config variable, not the credential.
  const stored = await withInheritedValues(
    db,
    { id: connection.credentialId, organizationId: scope.organizationId },
    await readCredentialValues(db, { organizationId: scope.organizationId }, connection.credentialId),
  );
  const accessToken = (
    await readCredentialTokens(db, { organizationId: scope.organizationId }, connection.credentialId)
  )?.tokens.accessToken;

  let result: TestResult;
  try {
    const url = new URL(fillTemplate(type.test.url, stored.values));
    const headers = new Headers({ accept: "application/json" });
    kindOf(type.kind).apply({ url, headers }, { auth: type.test.auth, values: stored.values, accessToken });
    const response = await outboundFetch(
      url,
      { method: type.test.method, headers },
      { timeoutMs: 10_000, maxBytes: 256 * 1024 },
    );
    result = response.ok
      ? { ok: true, status: response.status, message: `${response.status} ${response.statusText || "OK"}`.trim() }
      : { ok: false, status: response.status, message: await failureReason(response) };
  } catch (error) {
    if (error instanceof OutboundRequestError || error instanceof ValidationError)
      result = { ok: false, status: null, message: error.message };
    else if (error instanceof TypeError)
      result = { ok: false, status: null, message: "The test URL is not a valid URL" };
    else throw error;
  }
  result.message = redactValues(result.message, { ...stored.values, ...(accessToken ? { accessToken } : {}) });
  await recordEvent(db, {
    ...owner,
    name: result.ok ? "test passed" : "test failed",
    level: result.ok ? "info" : "error",
    message: result.ok ? `Test request answered ${result.message}` : `Test failed: ${result.message}`,
    metadata: { status: result.status, url: type.test.url },
    outcome: result.ok ? { ok: true } : { ok: false, reason: result.message },
  });
  return result;
}
