import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { BASE_URL } from "./support/env";

// Server action bodies that Next itself fails on (not JSON, past 1 MiB) answer 4xx, not 500. The
// action's id comes from the build's manifest, as a forged request would take it from the bundle.

function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === name);
  if (!found) throw new Error(`No server action ${name} in the build`);
  return found[0];
}

test("a malformed or oversized server action body answers 4xx", async ({ request }) => {
  const headers = {
    "Next-Action": actionId("createConnectionTypeAction"),
    "content-type": "text/plain;charset=UTF-8",
    Accept: "text/x-component",
    Origin: BASE_URL,
  };
  expect((await request.post("/components/new", { headers, data: "{not json" })).status()).toBe(400);
  expect(
    (await request.post("/components/new", { headers, data: JSON.stringify(["x".repeat(2 * 1024 * 1024)]) })).status(),
  ).toBe(413);
  // A well-formed one still reaches the action, which answers with field errors.
  const fine = await request.post("/components/new", { headers, data: JSON.stringify([{ key: "A B" }]) });
  expect(fine.status()).toBe(200);
  expect(await fine.text()).toContain("fieldErrors");
});
