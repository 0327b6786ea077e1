DROP INDEX "credentials_label_trgm_idx";--> statement-breakpoint
CREATE INDEX "credentials_organization_label_trgm_idx" ON "credentials" USING gin ("organization_id",lower("label") gin_trgm_ops);