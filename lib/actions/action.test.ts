import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => ({ id: "u1", role: "admin", organizationId: "o1", embedded: false }),
}));
vi.mock("@/db/client", () => ({ getDb: async () => ({}) }));

const { action } = await import("./action");

describe("action errors", () => {
  it("a ZodError raised inside a service reaches the form as field errors, not 'Something went wrong'", async () => {
    const run = action({ schema: z.object({ url: z.string() }) }, async (input) =>
      z.object({ url: z.url("Not a full URL") }).parse(input),
    );
    expect(await run({ url: "not a url" })).toEqual({
      ok: false,
      error: "Some fields need attention.",
      fieldErrors: { url: "Not a full URL" },
    });
  });

  it("a value the database cannot store (NUL) is the user's to fix, not a logged 500", async () => {
    const run = action({ schema: z.object({}) }, async () => {
      throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: "22021" });
    });
    expect(await run({})).toMatchObject({ ok: false, error: expect.stringMatching(/cannot be stored/) });
  });
});
