import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { unique } from "./support/sign-in";
import { addUser, signedInAs } from "./support/team";

// Settings → Webhooks with a real receiver on 127.0.0.1 that verifies every signature with the
// standardwebhooks library. Each test adds its own endpoint and receiver.

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

type Hit = { headers: Record<string, string>; body: string };

async function startReceiver() {
  const hits: Hit[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hits.push({
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${unique()}`,
    hits,
    answer: (s: number) => (status = s),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The hits that carry a test event. Other specs run beside this one in the same organization, and
 * the endpoint hears their events too (instance.created, ...): the tests count only their own.
 */
const testEventHits = (hits: Hit[]) =>
  hits.filter((h) => (JSON.parse(h.body) as { type?: string }).type === "webhook.test");

/** Adds an endpoint through the dialog; returns the secret copied with the Copy button. */
async function addEndpoint(page: Page, url: string): Promise<string> {
  await page.goto("/settings/webhooks");
  await page.getByRole("button", { name: "+ Endpoint" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("URL").fill(url);
  await dialog.getByLabel("Description").fill("E2E receiver");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  const secretField = dialog.getByLabel("Signing secret");
  await expect(secretField).toHaveValue(/^whsec_/);
  await dialog.getByRole("button", { name: "Copy secret" }).click();
  await expect(page.getByText("Copied")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await secretField.inputValue());
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: url }).click();
  await expect(page.getByRole("heading", { name: url })).toBeVisible();
  return copied;
}

test("an admin adds an endpoint, copies its secret, sends a test event and sees it delivered", async ({ page }) => {
  const receiver = await startReceiver();
  try {
    const secret = await addEndpoint(page, receiver.url);
    await page.getByRole("button", { name: "Send test event" }).click();
    const row = page.getByRole("table", { name: "Deliveries" }).getByRole("row").filter({ hasText: "webhook.test" });
    // The log updates on its own: no reload.
    await expect(row).toContainText("delivered");
    await expect(row).toContainText("200");
    const hits = testEventHits(receiver.hits);
    expect(hits).toHaveLength(1);
    const event = new Webhook(secret).verify(hits[0]!.body, hits[0]!.headers) as { type: string };
    expect(event.type).toBe("webhook.test");
    await row.getByRole("link", { name: "Payload" }).click();
    await expect(page.getByText('"type": "webhook.test"')).toBeVisible();
  } finally {
    await receiver.close();
  }
});

test("a failing receiver's delivery shows the failure, and Retry now delivers it", async ({ page }) => {
  const receiver = await startReceiver();
  receiver.answer(500);
  try {
    const secret = await addEndpoint(page, receiver.url);
    await page.getByRole("button", { name: "Send test event" }).click();
    const row = page.getByRole("table", { name: "Deliveries" }).getByRole("row").filter({ hasText: "webhook.test" });
    await expect(row).toContainText("The endpoint answered 500");
    await expect(row).toContainText("pending");
    receiver.answer(204);
    await row.getByRole("button", { name: "Retry now" }).click();
    await expect(row).toContainText("delivered");
    const ids = new Set(testEventHits(receiver.hits).map((h) => h.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    for (const hit of receiver.hits) new Webhook(secret).verify(hit.body, hit.headers);
    await page.getByRole("link", { name: "Failed" }).click();
    await expect(page.getByText("No failed deliveries")).toBeVisible();
  } finally {
    await receiver.close();
  }
});

test("a viewer sees the endpoints and their log read-only", async ({ page, browser }) => {
  const receiver = await startReceiver();
  try {
    await addEndpoint(page, receiver.url);
    const viewerEmail = `viewer-${unique()}@example.com`;
    await addUser(page, { name: "Webhook viewer", email: viewerEmail, role: "viewer" });
    const viewer = await signedInAs(browser, viewerEmail);
    await viewer.goto("/settings/webhooks");
    await expect(viewer.getByRole("link", { name: receiver.url })).toBeVisible();
    await expect(viewer.getByRole("button", { name: "+ Endpoint" })).toHaveCount(0);
    await viewer.getByRole("link", { name: receiver.url }).click();
    await expect(viewer.getByRole("heading", { name: receiver.url })).toBeVisible();
    await expect(viewer.getByRole("button", { name: "Send test event" })).toHaveCount(0);
    await viewer.context().close();
  } finally {
    await receiver.close();
  }
});
