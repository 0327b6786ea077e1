import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema and committed; both PGlite and PostgreSQL run them at start-up.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
});
