CREATE TABLE "mcp_client_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"connection_type" text NOT NULL,
	"resource" text NOT NULL,
	"issuer" text NOT NULL,
	"method" text NOT NULL,
	"sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mcp_client_registrations_unique" UNIQUE("organization_id","connection_type","resource")
);
--> statement-breakpoint
ALTER TABLE "credential_tokens" ADD COLUMN "step_up_scopes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "mcp_client_registrations" ADD CONSTRAINT "mcp_client_registrations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;