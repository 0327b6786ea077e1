import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { API_KEY } from "./env";

// Helpers of the screens walk (e2e/screens.spec.ts): API set-up, the accessibility check and the
// overflow check.

const auth = { authorization: `Bearer ${API_KEY}` };

/** POSTs (or PUTs, PATCHes) with the deployment key and returns the JSON body; fails the test on an error status. */
export async function api<T = Record<string, unknown>>(
  request: APIRequestContext,
  method: "post" | "put" | "patch" | "get",
  path: string,
  data?: unknown,
): Promise<T> {
  const response = await request[method](path, { headers: auth, ...(data === undefined ? {} : { data }) });
  expect(response.status(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/** Serious and critical accessibility violations of the page as it is now (axe-core), as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** How far the document is wider than the viewport (0 when nothing overflows sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The configuration wizard's one Save, for all of an instance's connections. */
export const wizardSave = (page: Page) =>
  page.getByRole("region", { name: "Save the configuration" }).getByRole("button", { name: "Save", exact: true });

/**
 * The outcome toast on screen: the front one. A replaced toast stays in the page a moment behind
 * the new one, and while it slides out (data-removed="true"): it is not the outcome any more. (An
 * assertion that matches two elements fails at once, without waiting: hence one selector.)
 */
export const outcomeToast = (page: Page) =>
  page.locator('[data-sonner-toast][data-front="true"]:not([data-removed="true"])');
