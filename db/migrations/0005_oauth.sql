CREATE TABLE "credential_tokens" (
	"credential_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"customer_id" uuid,
	"grant_type" text NOT NULL,
	"tokens_ciphertext" text NOT NULL,
	"has_refresh_token" boolean DEFAULT false NOT NULL,
	"expires_at" timestamp with time zone,
	"granted_scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"next_refresh_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"lease_holder" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"needs_reauthorization" boolean DEFAULT false NOT NULL,
	"last_refreshed_at" timestamp with time zone,
	"authorized_at" timestamp with time zone DEFAULT now() NOT NULL,
	"authorized_by_user_id" uuid,
	"authorized_via_link_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oauth_states" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"customer_id" uuid,
	"credential_id" uuid NOT NULL,
	"instance_id" uuid,
	"config_variable_id" uuid,
	"user_id" uuid,
	"link_id" uuid,
	"api_key_id" uuid,
	"state_hash" text NOT NULL,
	"code_verifier_ciphertext" text,
	"redirect_uri" text NOT NULL,
	"scopes" text DEFAULT '' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oauth_states_one_initiator_check" CHECK (num_nonnulls("oauth_states"."user_id", "oauth_states"."link_id", "oauth_states"."api_key_id") = 1),
	CONSTRAINT "oauth_states_instance_pair_check" CHECK (("oauth_states"."instance_id" is null) = ("oauth_states"."config_variable_id" is null))
);
--> statement-breakpoint
ALTER TABLE "credential_tokens" ADD CONSTRAINT "credential_tokens_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_tokens" ADD CONSTRAINT "credential_tokens_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_tokens" ADD CONSTRAINT "credential_tokens_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_tokens" ADD CONSTRAINT "credential_tokens_authorized_by_user_id_users_id_fk" FOREIGN KEY ("authorized_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_config_variable_id_config_variables_id_fk" FOREIGN KEY ("config_variable_id") REFERENCES "public"."config_variables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credential_tokens_due_idx" ON "credential_tokens" USING btree ("next_refresh_at") WHERE "credential_tokens"."next_refresh_at" is not null and "credential_tokens"."needs_reauthorization" = false;--> statement-breakpoint
CREATE INDEX "credential_tokens_organization_idx" ON "credential_tokens" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_states_state_hash_unique" ON "oauth_states" USING btree ("state_hash");--> statement-breakpoint
CREATE INDEX "oauth_states_organization_expires_idx" ON "oauth_states" USING btree ("organization_id","expires_at");--> statement-breakpoint
CREATE INDEX "oauth_states_credential_idx" ON "oauth_states" USING btree ("credential_id");