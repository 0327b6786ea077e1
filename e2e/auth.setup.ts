import { test as setup } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_STORAGE_STATE } from "./support/env";
import { signIn } from "./support/sign-in";

// Signs the seeded administrator in once; the chromium project starts from this session.
setup("sign in as the admin", async ({ page }) => {
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.context().storageState({ path: ADMIN_STORAGE_STATE });
});
