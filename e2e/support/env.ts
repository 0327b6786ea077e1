// What the e2e server is started with (playwright.config.ts passes these to server.mjs), for the
// specs to sign in and call the API with. Test-only values: never used outside the e2e run.

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${E2E_PORT}`;

/** The deployment API key the e2e server accepts (`LATCHKEY_API_KEY`). */
export const API_KEY = "lk_e2e_test_key_0123456789abcdef";

/**
 * The seeded administrator (`LATCHKEY_ADMIN_EMAIL` / `LATCHKEY_ADMIN_PASSWORD`). The e2e server runs
 * in production mode, which refuses the demo's published password and weak ones.
 */
export const ADMIN_EMAIL = "admin@example.com";
export const ADMIN_PASSWORD = "e2e-Admin-pw-7Rq9#xK2";

/** The production secrets of the e2e server: test-only values, never used outside the e2e run. */
export const E2E_MASTER_KEY = "ZTJlLXRlc3RzLW1hc3Rlci1rZXktMzItYnl0ZXMhISE=";
export const E2E_AUTH_SECRET = "e2e-auth-secret-0123456789abcdef0123";

/** Where a setup project (e2e/*.setup.ts) saves the signed-in administrator's session (git-ignored). */
export const ADMIN_STORAGE_STATE = "e2e/.auth/admin.json";

/** Where the e2e server sends e-mail (`SMTP_URL`); a spec that expects e-mail listens there. */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? E2E_PORT + 25);

/** The cron route's secret on the e2e server (`CRON_SECRET`); its in-process scheduler is off, so specs decide when refreshes run. */
export const CRON_SECRET = "e2e-cron-secret-0123456789";
