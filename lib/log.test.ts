import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { builtInConnectionTypes } from "@/lib/connection-types/catalog/built-in";
import { createLogger, logUnexpected } from "./log";
import { runInRequest } from "./request-context";

// Every secret a credential can hold (each auth method's and each built-in type's secret fields,
// and the token set), fed through the logger in the shapes code might pass them: the marker must
// never reach a line, while the ids beside it do.
const MARKER = "lk-marker-secret-4f1c9e";
const tokenFields = ["access_token", "refresh_token", "accessToken", "refreshToken", "id_token", "client_secret"];

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger(stream), text: () => lines.join("") };
}

describe("the logger", () => {
  it("never writes a secret field of any auth method or connection type", () => {
    const { logger, text } = capture();
    const secretKeys = new Set(tokenFields);
    for (const type of builtInConnectionTypes)
      for (const field of type.fields) if (field.secret || field.type === "password") secretKeys.add(field.key);
    expect(secretKeys.size).toBeGreaterThan(6);
    for (const type of builtInConnectionTypes) {
      const values = Object.fromEntries(type.fields.map((f) => [f.key, MARKER]));
      logger.info({ credentialId: `cred-${type.key}`, values }, "saved");
      logger.warn({ credential: { id: `cred-${type.key}`, authMethod: type.key, values } }, "nested");
    }
    for (const key of secretKeys) {
      logger.info({ [key]: MARKER, field: key }, "flat");
      logger.info({ request: { detail: { [key]: MARKER } } }, "deep");
      logger.info({ list: [{ [key]: MARKER }] }, "in a list");
    }
    logger.info({ request: { headers: { authorization: `Bearer ${MARKER}` } } }, "headers");
    logger.info({ Authorization: `Bearer ${MARKER}`, "X-Api-Key": MARKER, cookie: MARKER }, "request");
    const out = text();
    expect(out).not.toContain(MARKER);
    expect(out).toContain("cred-oauth2");
    expect(out).toContain('"field":"api_secret"');
    expect(out).toContain("[redacted]");
  });

  it("writes errors without the data a driver attaches to them", () => {
    const { logger, text } = capture();
    const error = Object.assign(new Error("insert failed"), { code: "23505", parameters: [MARKER] });
    logger.error({ err: error }, "boom");
    const line = JSON.parse(text()) as { err: { message: string; code: string; stack: string } };
    expect(line.err).toMatchObject({ message: "insert failed", code: "23505" });
    expect(text()).not.toContain(MARKER);
  });

  it("writes JSON lines that carry the request id", () => {
    const { logger, text } = capture();
    runInRequest({ requestId: "req-0123456789" }, () => logger.info({ credentialId: "c1" }, "used"));
    const line = JSON.parse(text()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: "info", msg: "used", requestId: "req-0123456789", credentialId: "c1" });
    expect(() => logUnexpected("test", new Error("x"))).not.toThrow();
  });
});
