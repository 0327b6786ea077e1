import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { apiKeys } from "./api-keys";
import { credentials } from "./credentials";
import { customers } from "./customers";
import { configVariables } from "./integrations";
import { instances } from "./instances";
import { organizations } from "./organizations";
import { users } from "./users";

// One authorization in progress: CONNECT made it, the provider's callback consumes it once. Only a
// SHA-256 hash of `state` is stored, so a database reader cannot finish someone else's flow; the
// PKCE verifier is encrypted with the credential owner's data key.
export const oauthStates = pgTable(
  "oauth_states",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    credentialId: uuid("credential_id")
      .notNull()
      .references(() => credentials.id, { onDelete: "cascade" }),
    // Set when CONNECT was pressed on an instance's connection: its type, scopes and redirects apply.
    instanceId: uuid("instance_id").references(() => instances.id, { onDelete: "cascade" }),
    configVariableId: uuid("config_variable_id").references(() => configVariables.id, { onDelete: "cascade" }),
    // Who started it: a signed-in user, an e-mailed authorization link, or an API key (exactly one).
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    linkId: uuid("link_id"),
    apiKeyId: uuid("api_key_id").references(() => apiKeys.id, { onDelete: "cascade" }),
    // Started from an embedded screen (issue 7): the callback tells the popup's opener, the iframe,
    // by postMessage instead of comparing sessions (the popup is first-party and cannot see the
    // iframe's partitioned cookie; the single-use state is the capability, as for e-mailed links).
    embedded: boolean("embedded").notNull().default(false),
    // Where an embedded CONNECT that could not open a popup goes back to: a page on one of the
    // organization's allowed frame or redirect origins, checked when the flow started.
    returnTo: text("return_to"),
    stateHash: text("state_hash").notNull(),
    codeVerifierCiphertext: text("code_verifier_ciphertext"),
    redirectUri: text("redirect_uri").notNull(),
    scopes: text("scopes").notNull().default(""),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("oauth_states_state_hash_unique").on(t.stateHash),
    index("oauth_states_organization_expires_idx").on(t.organizationId, t.expiresAt),
    index("oauth_states_credential_idx").on(t.credentialId),
    check("oauth_states_one_initiator_check", sql`num_nonnulls(${t.userId}, ${t.linkId}, ${t.apiKeyId}) = 1`),
    check("oauth_states_instance_pair_check", sql`(${t.instanceId} is null) = (${t.configVariableId} is null)`),
  ],
);

// The token set of a credential (authorization code or client credentials), one row per credential,
// deleted on DISCONNECT. The tokens are one encrypted JSON value; what scheduling and the screens
// need (expiry, granted scopes, refresh bookkeeping) is plain. The table keeps a fifth of each page
// free (fillfactor 80, migration 0015: drizzle cannot declare it) so that lease writes stay HOT updates.
export const credentialTokens = pgTable(
  "credential_tokens",
  {
    credentialId: uuid("credential_id")
      .primaryKey()
      .references(() => credentials.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    grantType: text("grant_type").$type<"authorization_code" | "client_credentials">().notNull(),
    // {accessToken, refreshToken?, tokenType, scope?, metadata} encrypted with the owner's data key.
    tokensCiphertext: text("tokens_ciphertext").notNull(),
    hasRefreshToken: boolean("has_refresh_token").notNull().default(false),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    grantedScopes: text("granted_scopes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Refresh bookkeeping (issue 6): when the token is due, who holds the lease, how it went.
    nextRefreshAt: timestamp("next_refresh_at", { withTimezone: true }),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    leaseHolder: text("lease_holder"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    needsReauthorization: boolean("needs_reauthorization").notNull().default(false),
    // Scopes an MCP server asked for beyond the granted ones (a 403 with insufficient_scope on a
    // proxied call): the next CONNECT asks for these too.
    stepUpScopes: text("step_up_scopes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    lastRefreshedAt: timestamp("last_refreshed_at", { withTimezone: true }),
    // Who completed the authorization, for "Customer authorization complete" on the credential page.
    authorizedAt: timestamp("authorized_at", { withTimezone: true }).notNull().defaultNow(),
    authorizedByUserId: uuid("authorized_by_user_id").references(() => users.id, { onDelete: "set null" }),
    authorizedViaLinkId: uuid("authorized_via_link_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // "Due for refresh": the cron walks this in time order and only ever reads rows that are due.
    index("credential_tokens_due_idx")
      .on(t.nextRefreshAt)
      .where(sql`${t.nextRefreshAt} is not null and ${t.needsReauthorization} = false`),
    index("credential_tokens_organization_idx").on(t.organizationId),
    // The dashboard's expiry timeline reads one organization's tokens by expiry.
    index("credential_tokens_organization_expires_idx").on(t.organizationId, t.expiresAt),
  ],
);

export type OAuthState = typeof oauthStates.$inferSelect;
export type NewOAuthState = typeof oauthStates.$inferInsert;
export type CredentialTokensRow = typeof credentialTokens.$inferSelect;
export type NewCredentialTokensRow = typeof credentialTokens.$inferInsert;

// A CONNECT handed out by the API (`POST .../authorize`): integration code gives its URL to a
// browser, which may be on any site, so the URL carries this single-use, expiring token instead of
// relying on the browser's origin. Nothing is started (no state, no log) until the browser redeems
// it; only its SHA-256 is stored. Deleting the API key that asked for it voids it.
export const oauthStartTokens = pgTable(
  "oauth_start_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    instanceId: uuid("instance_id")
      .notNull()
      .references(() => instances.id, { onDelete: "cascade" }),
    connectionKey: text("connection_key").notNull(),
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("oauth_start_tokens_token_hash_unique").on(t.tokenHash),
    index("oauth_start_tokens_organization_expires_idx").on(t.organizationId, t.expiresAt),
  ],
);
