CREATE TABLE "embedding_signing_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"label" text NOT NULL,
	"algorithm" text NOT NULL,
	"key_id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"public_key_pem" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "embedding_signing_keys_algorithm_check" CHECK ("embedding_signing_keys"."algorithm" in ('RS256', 'ES256'))
);
--> statement-breakpoint
CREATE TABLE "embedding_token_uses" (
	"organization_id" uuid NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "embedding_token_uses_pk" PRIMARY KEY("organization_id","jti")
);
--> statement-breakpoint
DROP INDEX "users_email_unique";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "embedded" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD COLUMN "embedded" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD COLUMN "return_to" text;--> statement-breakpoint
ALTER TABLE "embedding_signing_keys" ADD CONSTRAINT "embedding_signing_keys_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "embedding_signing_keys" ADD CONSTRAINT "embedding_signing_keys_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "embedding_token_uses" ADD CONSTRAINT "embedding_token_uses_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "embedding_signing_keys_organization_key_id_unique" ON "embedding_signing_keys" USING btree ("organization_id","key_id");--> statement-breakpoint
CREATE INDEX "embedding_signing_keys_key_id_idx" ON "embedding_signing_keys" USING btree ("key_id");--> statement-breakpoint
CREATE INDEX "embedding_token_uses_expires_idx" ON "embedding_token_uses" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_embedded_identity_unique" ON "users" USING btree ("organization_id","customer_id","external_id") WHERE "users"."embedded";--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree ("email") WHERE not "users"."embedded";--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_embedded_check" CHECK ("users"."embedded" = ("users"."external_id" is not null) and (not "users"."embedded" or "users"."role" = 'customer'));