import { expect, test as setup } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_STORAGE_STATE, API_KEY } from "./support/env";
import { signIn } from "./support/sign-in";

// Signs the seeded administrator in once; the chromium project starts from this session. The e2e
// server runs in production mode, which seeds no demo customer: the customer the specs use is made here.
setup("sign in as the admin", async ({ page, request }) => {
  const auth = { authorization: `Bearer ${API_KEY}` };
  const existing = await request.get("/api/v1/customers?limit=100", { headers: auth });
  expect(existing.status()).toBe(200);
  if (!((await existing.json()) as { data: { name: string }[] }).data.some((c) => c.name === "Globex Corporation")) {
    expect(
      (
        await request.post("/api/v1/customers", {
          headers: auth,
          data: { name: "Globex Corporation", externalId: "globex" },
        })
      ).status(),
    ).toBe(201);
  }
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.context().storageState({ path: ADMIN_STORAGE_STATE });
});
