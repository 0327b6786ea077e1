import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // lib modules start with `import "server-only"`, which throws outside a Next server bundle.
      { find: /^server-only$/, replacement: path.join(root, "tests/support/empty.ts") },
      { find: /^@\//, replacement: `${root}/` },
    ],
  },
  test: {
    environment: "node",
    env: {
      NODE_ENV: "test",
      LATCHKEY_ALLOW_PRIVATE_NETWORK: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      CRON_SECRET: "integration-tests-cron-secret",
    },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "db/**/*.test.ts", "tests/unit/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          env: {
            // Webhook retries after milliseconds rather than seconds, and a receiver that hangs is
            // given up on after 2 s: the delivery tests wait on conditions, not on the real schedule.
            LATCHKEY_WEBHOOK_RETRY_SCALE: "0.002",
            LATCHKEY_WEBHOOK_TIMEOUT_SECONDS: "2",
          },
          // DATABASE_URL set: a real PostgreSQL server; unset: embedded PGlite in a fresh data folder
          // per run (made by the global setup, handed to the workers by the setup file).
          globalSetup: ["tests/support/integration-global-setup.ts"],
          setupFiles: ["tests/support/integration-setup.ts"],
          // One database per run: files run one after another.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Real `next start` servers on the run's PostgreSQL: needs `npm run build` and DATABASE_URL
          // (scripts/test-all.sh runs them after the build, on a cluster of their own).
          name: "system",
          include: ["tests/system/**/*.test.ts"],
          globalSetup: ["tests/support/integration-global-setup.ts"],
          setupFiles: ["tests/support/integration-setup.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          env: {
            // The servers and the test process must share them: what one seals, the other opens.
            LATCHKEY_MASTER_KEY: "c3lzdGVtLXRlc3RzLW1hc3Rlci1rZXktMzItYnl0ZXM=",
            AUTH_SECRET: "system-tests-auth-secret-0123456789abcdef",
          },
        },
      },
    ],
  },
});
