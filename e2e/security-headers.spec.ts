import { expect, test, type Page } from "@playwright/test";
import { noSession } from "./support/sign-in";

// Pages run under a Content-Security-Policy whose scripts need this response's nonce, and still
// hydrate: no violation is reported, and client components (the sign-in form, the shell) work.
// The e2e server is the production server (playwright.config.ts): no demo banner, HSTS on.

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [
    ...console,
    ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)),
  ];
}

function nonceOf(policy: string | undefined): string {
  const match = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(policy ?? "");
  expect(match, `a script nonce in ${policy}`).not.toBeNull();
  return match![1]!;
}

test.describe("signed out", () => {
  test.use({ storageState: noSession });

  test("the sign-in page has a fresh script nonce per response, production headers, no demo banner, and hydrates", async ({
    page,
  }) => {
    const violations = await watchViolations(page);
    const response = await page.goto("/sign-in");
    const headers = response!.headers();
    const nonce = nonceOf(headers["content-security-policy"]);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    // Next put the nonce on its scripts; a second response has another one.
    expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
    expect(
      await page
        .locator("script[src]")
        .evaluateAll((els, n) => els.every((el) => (el as HTMLScriptElement).nonce === n), nonce),
    ).toBe(true);
    expect(nonceOf((await page.request.get("/sign-in")).headers()["content-security-policy"])).not.toBe(nonce);

    await expect(page.getByTestId("demo-banner")).toHaveCount(0);
    await expect(page.getByText("latchkey-demo")).toHaveCount(0);

    // The form is a client component: its error appears only if React hydrated under the policy.
    await page.getByLabel("E-mail").fill(`nobody-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong e-mail or password.");
    expect(await violations()).toEqual([]);
  });

  test("embedded screens are framed only by the session's origins, and never with X-Frame-Options", async ({
    request,
  }) => {
    const response = await request.get("/embedded/session-ended", { maxRedirects: 0 });
    const headers = response.headers();
    nonceOf(headers["content-security-policy"]);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBeUndefined();
  });
});

test("a signed-in page hydrates under the policy with no violation", async ({ page }) => {
  const violations = await watchViolations(page);
  const response = await page.goto("/settings/team");
  nonceOf(response!.headers()["content-security-policy"]);
  await expect(page.getByTestId("organization-name")).toBeVisible();
  // A client-side dialog opens only when its component hydrated.
  await page.getByRole("button", { name: "+ Add user" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(await violations()).toEqual([]);
});
