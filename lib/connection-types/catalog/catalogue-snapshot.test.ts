import { describe, expect, it } from "vitest";
import { builtInConnectionTypes } from "./built-in";

// The built catalogue, byte for byte: refactoring how entries are written (shared builders for their
// setup steps, endpoints, fields) must not change what any entry says. A change meant to change an
// entry updates the snapshot on purpose (`npx vitest run -u lib/connection-types/catalog`), and the
// diff shows exactly which entries moved.

describe("the built catalogue", () => {
  it("is what the snapshot holds", async () => {
    await expect(`${JSON.stringify(builtInConnectionTypes, null, 2)}\n`).toMatchFileSnapshot(
      "./__snapshots__/built-in-catalogue.json",
    );
  });
});
