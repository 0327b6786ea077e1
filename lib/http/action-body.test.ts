import { describe, expect, it } from "vitest";
import { badActionBodyResponse } from "./action-body";

const action = (body: string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/components/new", {
    method: "POST",
    body,
    headers: { "next-action": "7f00", "content-type": "text/plain;charset=UTF-8", ...headers },
  });

describe("server action bodies", () => {
  it("lets a well-formed action body through, and leaves other requests alone", async () => {
    expect(await badActionBodyResponse(action('[{"key":"a"}]'))).toBeNull();
    expect(
      await badActionBodyResponse(new Request("http://localhost/", { method: "POST", body: "{not json" })),
    ).toBeNull();
  });
  it("answers 400 to a body that is not JSON", async () => {
    expect((await badActionBodyResponse(action("{not json")))?.status).toBe(400);
  });
  it("answers 413 past 1 MiB, declared or not", async () => {
    const huge = JSON.stringify(["x".repeat(1024 * 1024 + 1)]);
    expect((await badActionBodyResponse(action(huge, { "content-length": String(huge.length) })))?.status).toBe(413);
    expect((await badActionBodyResponse(action(huge)))?.status).toBe(413);
  });
});
