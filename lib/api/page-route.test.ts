import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { BodyTooLargeError } from "@/lib/http/body";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { answerFor, toApiError, type ErrorAnswer } from "./errors";
import { log } from "@/lib/log";
import { pageRoute } from "./page-route";

// The page routes and the API answer a domain error with the same status and words.

const request = () => new Request("http://localhost/api/oauth/callback?state=x");

async function pageAnswer(error: unknown): Promise<ErrorAnswer> {
  let seen: ErrorAnswer | undefined;
  const route = pageRoute(
    (answer) => {
      seen = answer;
      return new Response("page", { status: answer.status });
    },
    async () => {
      throw error;
    },
  );
  const response = await route(request());
  expect(response.status).toBe(seen?.status);
  return seen!;
}

describe("pageRoute", () => {
  it.each([
    [new ValidationError("Pick a connection", { connection: "required" }), 400, "invalid_request"],
    [new NotFoundError("No such instance"), 404, "not_found"],
    [new ForbiddenError("Not yours"), 403, "forbidden"],
    [new ConflictError("In use"), 409, "conflict"],
    [new BodyTooLargeError(16 * 1024), 413, "payload_too_large"],
    [new z.ZodError([]), 400, "invalid_request"],
  ])("answers %s as the API does", async (error, status, code) => {
    const answer = await pageAnswer(error);
    expect(answer).toMatchObject({ status, code, unexpected: false });
    expect(toApiError(error).status).toBe(status);
    expect(toApiError(error).body.error.code).toBe(code);
  });

  it("logs an unexpected error with its route, and hands the page none of its words", async () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => {});
    const answer = await pageAnswer(new Error("connection string postgres://secret@db"));
    expect(answer).toEqual(answerFor(new Error("other")));
    expect(answer).toMatchObject({ status: 500, unexpected: true });
    expect(JSON.stringify(answer)).not.toContain("secret");
    expect(logged.mock.calls[0]?.[0]).toMatchObject({ context: "GET /api/oauth/callback" });
    logged.mockRestore();
  });

  it("passes a handler's own answer through", async () => {
    const route = pageRoute(
      () => new Response("page", { status: 500 }),
      async () => new Response(null, { status: 303 }),
    );
    expect((await route(request())).status).toBe(303);
  });
});
