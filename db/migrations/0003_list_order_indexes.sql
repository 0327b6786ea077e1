DROP INDEX "credentials_organization_created_idx";--> statement-breakpoint
DROP INDEX "credentials_customer_created_idx";--> statement-breakpoint
CREATE INDEX "customers_organization_created_idx" ON "customers" USING btree ("organization_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "credentials_organization_created_idx" ON "credentials" USING btree ("organization_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "credentials_customer_created_idx" ON "credentials" USING btree ("customer_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);