import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { apiCreateCredential } from "./support/api";
import { unique } from "./support/sign-in";

// Settings → Audit as an administrator reads it: a change made through the API is there with its
// actor and the names of the fields it set (never their values), filters narrow the list, an event
// opens to its details and hash, and both exports hold the row.

test("filter the audit trail, open an event, export it as CSV and JSON Lines", async ({ page, request }) => {
  const label = `Audit ${unique()}`;
  const secret = `sk_audit_${unique()}`;
  const id = await apiCreateCredential(request, { label, authMethod: "api_key", values: { api_key: secret } });

  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit" }).click();
  await expect(page).toHaveURL(/\/settings\/audit/);
  const form = page.getByRole("form", { name: "Filter the audit trail" });
  await form.getByLabel("Target").fill(label);
  await form.getByLabel("Action").fill("credential");
  await form.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/target=/);

  const events = page.getByRole("list", { name: "Audit events" }).getByRole("listitem");
  await expect(events).toHaveCount(1);
  const event = events.first();
  await expect(event).toContainText("credential.created");
  await expect(event).toContainText(label);
  await expect(event).toContainText("LATCHKEY_API_KEY");
  await event.locator("summary").click();
  await expect(event.getByText("values.api_key")).toBeVisible();
  await expect(event.getByText(id)).toBeVisible();
  await expect(event.getByText(/^[0-9a-f]{64}$/).first()).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // A filter that matches nothing says so.
  await form.getByLabel("Actor").fill("nobody-acts-like-this");
  await form.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("Nothing matches these filters.")).toBeVisible();
  await page.goBack();
  await expect(events).toHaveCount(1);

  for (const [name, check] of [
    ["Export CSV", (text: string) => expect(text.split("\r\n")[0]).toContain("actor_type,actor_id,actor_name,action")],
    [
      "Export JSON Lines",
      (text: string) => expect(JSON.parse(text.trim().split("\n")[0]!).action).toBe("credential.created"),
    ],
  ] as const) {
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name }).click();
    const file = await (await download).path();
    const text = await readFile(file, "utf8");
    check(text);
    expect(text).toContain(label);
    expect(text).not.toContain(secret);
  }
});
