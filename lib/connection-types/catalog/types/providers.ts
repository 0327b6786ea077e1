import type { ConnectionTypeInput } from "@/lib/connection-types/definition";
import { oauthFields } from "./oauth-helpers";
import { callbackStep, copyCredentialsStep } from "./setup-steps";

// Services with their real endpoints and quirks, as their developer documentation gives them.

export const providerTypes: ConnectionTypeInput[] = [
  {
    key: "amazon_s3",
    label: "Amazon S3",
    category: "files",
    icon: "amazons3",
    setup: [
      "In the AWS IAM console, create a user (or role) with access to the bucket only.",
      "Create an access key for it and paste the key ID, the secret and the bucket's region.",
    ],
    description:
      "An IAM access key pair, the bucket and its region. (S3 signs each request with SigV4, so there is no plain test request; the proxy signs each call.)",
    kind: "fields",
    docsUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    fields: [
      { key: "access_key_id", label: "Access key ID", type: "string", required: true, placeholder: "AKIA…" },
      { key: "secret_access_key", label: "Secret access key", type: "password", required: true, secret: true },
      { key: "region", label: "Region", type: "string", required: true, default: "us-east-1" },
      {
        key: "bucket",
        label: "Bucket",
        type: "string",
        help: "The bucket that proxied calls go to (virtual-hosted style)",
      },
    ],
    // Signed per call with SigV4 (aws4); the payload is sent unsigned so that uploads stream.
    proxy: {
      baseUrl: "https://{{bucket}}.s3.{{region}}.amazonaws.com",
      auth: { type: "aws_sigv4", service: "s3", regionField: "region" },
    },
  },
  {
    key: "tableau",
    label: "Tableau",
    category: "data",
    icon: "tableau",
    setup: [
      "In Tableau, open My Account Settings → Personal Access Tokens and create a token.",
      "Paste the server's address, the site's content URL, the token's name and its secret.",
    ],
    description: "A personal access token of Tableau Cloud or Server (signed in with POST /api/{version}/auth/signin).",
    kind: "fields",
    docsUrl: "https://help.tableau.com/current/server/en-us/security_personal_access_tokens.htm",
    fields: [
      {
        key: "host_name",
        label: "Host name",
        type: "url",
        required: true,
        placeholder: "https://10ax.online.tableau.com",
      },
      { key: "site_id", label: "Site ID", type: "string", help: "The site's content URL; blank for the default site" },
      { key: "token_name", label: "Token name", type: "string", required: true },
      { key: "token", label: "Token secret", type: "password", required: true, secret: true },
    ],
    // The proxy signs in with the token for a session (X-Tableau-Auth) and fills the site's id:
    // /proxy/workbooks is GET /api/3.24/sites/{site id}/workbooks.
    proxy: { baseUrl: "{{host_name}}/api/3.24/sites/{{site_luid}}", auth: { type: "tableau_pat" } },
  },
  {
    key: "dropbox",
    label: "Dropbox",
    category: "files",
    icon: "dropbox",
    setup: [
      "Dropbox App Console → Create app (Scoped access): create an app for your integration.",
      callbackStep("a redirect URI", "Under Settings → OAuth 2, add"),
      "Under Permissions, tick the scopes your integration needs and submit.",
      copyCredentialsStep("the App key and App secret"),
    ],
    description:
      "Dropbox API v2. token_access_type=offline asks for a refresh token; revocation is Dropbox's own POST with the access token.",
    kind: "oauth2",
    docsUrl: "https://developers.dropbox.com/oauth-guide",
    fields: oauthFields({
      auth: "https://www.dropbox.com/oauth2/authorize",
      token: "https://api.dropboxapi.com/oauth2/token",
      revoke: "https://api.dropboxapi.com/2/auth/token/revoke",
      scopes: "account_info.read files.metadata.read",
      clientIdLabel: "App key",
      clientSecretLabel: "App secret",
    }),
    oauth: {
      pkce: true,
      tokenAuthMethod: "client_secret_post",
      scopeSeparator: " ",
      authorizeParams: { token_access_type: "offline" },
    },
    test: { url: "https://api.dropboxapi.com/2/users/get_current_account", method: "POST", auth: { type: "bearer" } },
    // API calls go to the api host, uploads and downloads to the content host: /proxy/api/2/…, /proxy/content/2/….
    proxy: { baseUrl: { api: "https://api.dropboxapi.com", content: "https://content.dropboxapi.com" } },
  },
  {
    key: "salesforce",
    label: "Salesforce",
    category: "crm",
    icon: "salesforce",
    setup: [
      "Salesforce Setup → App Manager → New Connected App (or External Client App): enable OAuth settings.",
      callbackStep("the callback URL"),
      "Select the api and refresh_token scopes, save, and wait a few minutes for the app to be active.",
      copyCredentialsStep("the consumer key and secret"),
    ],
    description:
      "A connected app. The refresh_token scope grants a refresh token; instance_url from the token response is the API's base URL.",
    kind: "oauth2",
    docsUrl: "https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm",
    fields: oauthFields({
      auth: "https://login.salesforce.com/services/oauth2/authorize",
      token: "https://login.salesforce.com/services/oauth2/token",
      revoke: "https://login.salesforce.com/services/oauth2/revoke",
      scopes: "api refresh_token",
      clientIdLabel: "Consumer key",
      clientSecretLabel: "Consumer secret",
    }),
    oauth: {
      pkce: true,
      tokenAuthMethod: "client_secret_post",
      scopeSeparator: " ",
      keepTokenFields: ["instance_url", "id", "signature", "issued_at"],
    },
    test: { url: "https://login.salesforce.com/services/oauth2/userinfo", method: "GET", auth: { type: "bearer" } },
    // Each org has its own instance: its URL comes with the token.
    proxy: { baseUrl: "{{instance_url}}" },
  },
  {
    key: "slack",
    label: "Slack",
    category: "communication",
    icon: "slack",
    setup: [
      "api.slack.com/apps → Create New App → OAuth & Permissions.",
      callbackStep("a redirect URL", "Add"),
      "Add the bot token scopes your integration needs.",
      "Copy the client ID and client secret from Basic Information.",
    ],
    description: "A Slack app (OAuth v2). Scopes are comma-separated; the bot token is the access token.",
    kind: "oauth2",
    docsUrl: "https://api.slack.com/authentication/oauth-v2",
    fields: oauthFields({
      auth: "https://slack.com/oauth/v2/authorize",
      token: "https://slack.com/api/oauth.v2.access",
      revoke: "https://slack.com/api/auth.revoke",
      scopes: "channels:read,chat:write",
    }),
    oauth: {
      pkce: false,
      tokenAuthMethod: "client_secret_post",
      scopeSeparator: ",",
      keepTokenFields: ["team", "bot_user_id", "app_id", "enterprise"],
      // oauth.v2.access answers 200 with {"ok": false, "error": "invalid_code"} when it refuses.
      errorPath: "error",
    },
    test: { url: "https://slack.com/api/auth.test", method: "POST", auth: { type: "bearer" } },
    proxy: { baseUrl: "https://slack.com/api" },
  },
  {
    key: "quickbooks",
    label: "QuickBooks Online",
    category: "accounting",
    icon: "quickbooks",
    setup: [
      "developer.intuit.com → Dashboard → Create an app (QuickBooks Online and Payments).",
      callbackStep("a redirect URI", "Under Keys & credentials, add"),
      copyCredentialsStep("the client ID and client secret"),
    ],
    description: "An Intuit app. The callback's realmId (the company id) is kept; tokens can be revoked.",
    kind: "oauth2",
    docsUrl: "https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0",
    fields: oauthFields({
      auth: "https://appcenter.intuit.com/connect/oauth2",
      token: "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
      revoke: "https://developer.api.intuit.com/v2/oauth2/tokens/revoke",
      scopes: "com.intuit.quickbooks.accounting",
    }),
    oauth: {
      pkce: false,
      tokenAuthMethod: "client_secret_basic",
      scopeSeparator: " ",
      keepCallbackParams: ["realmId"],
    },
    // The company the customer chose at the callback (realmId); production host.
    proxy: { baseUrl: "https://quickbooks.api.intuit.com/v3/company/{{realmId}}" },
  },
  {
    key: "google_drive",
    label: "Google Drive",
    category: "files",
    icon: "googledrive",
    setup: [
      "Google Cloud console → APIs & Services → Credentials → Create credentials → OAuth client ID (Web application).",
      callbackStep("an authorized redirect URI", "Add"),
      "Enable the Google Drive API and add its scopes to the OAuth consent screen.",
      copyCredentialsStep("the client ID and client secret"),
    ],
    description:
      "A Google Cloud OAuth client. access_type=offline and prompt=consent make Google return a refresh token every time.",
    kind: "oauth2",
    docsUrl: "https://developers.google.com/identity/protocols/oauth2/web-server",
    fields: oauthFields({
      auth: "https://accounts.google.com/o/oauth2/v2/auth",
      token: "https://oauth2.googleapis.com/token",
      revoke: "https://oauth2.googleapis.com/revoke",
      scopes: "https://www.googleapis.com/auth/drive.readonly",
    }),
    oauth: {
      pkce: true,
      tokenAuthMethod: "client_secret_post",
      scopeSeparator: " ",
      authorizeParams: { access_type: "offline", prompt: "consent" },
    },
    test: { url: "https://www.googleapis.com/drive/v3/about?fields=user", method: "GET", auth: { type: "bearer" } },
    // The Drive API and its upload endpoint share this host (/drive/v3/…, /upload/drive/v3/…).
    proxy: { baseUrl: "https://www.googleapis.com" },
  },
  {
    key: "hubspot",
    label: "HubSpot",
    category: "crm",
    icon: "hubspot",
    setup: [
      "HubSpot developer account → Apps → Create app → Auth.",
      callbackStep("a redirect URL"),
      "Add the scopes your integration needs (oauth is always required).",
      copyCredentialsStep("the client ID and client secret"),
    ],
    description:
      "A HubSpot public app, on the date-versioned OAuth API (v1 is retired on 16 February 2027). HubSpot has no RFC 7009 revocation endpoint (refresh tokens are deleted with its own API).",
    kind: "oauth2",
    docsUrl: "https://developers.hubspot.com/docs/api/oauth-quickstart-guide",
    fields: oauthFields({
      auth: "https://app.hubspot.com/oauth/authorize",
      token: "https://api.hubapi.com/oauth/2026-03/token",
      scopes: "oauth crm.objects.contacts.read",
    }),
    oauth: { pkce: false, tokenAuthMethod: "client_secret_post", scopeSeparator: " " },
    test: { url: "https://api.hubapi.com/crm/v3/objects/contacts?limit=1", method: "GET", auth: { type: "bearer" } },
    proxy: { baseUrl: "https://api.hubapi.com" },
  },
  {
    key: "microsoft_365",
    label: "Microsoft 365",
    category: "communication",
    icon: "microsoft",
    setup: [
      "Microsoft Entra admin center → App registrations → New registration (platform: Web).",
      callbackStep("a redirect URI"),
      "Under Certificates & secrets, create a client secret; under API permissions, add the Graph permissions.",
      copyCredentialsStep("the Application (client) ID and the secret's value"),
    ],
    description: "A Microsoft Entra app registration (Microsoft Graph). offline_access grants a refresh token.",
    kind: "oauth2",
    docsUrl: "https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow",
    fields: oauthFields({
      auth: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
      token: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
      scopes: "offline_access User.Read Files.Read",
      clientIdLabel: "Application (client) ID",
    }),
    oauth: { pkce: true, tokenAuthMethod: "client_secret_post", scopeSeparator: " " },
    test: { url: "https://graph.microsoft.com/v1.0/me", method: "GET", auth: { type: "bearer" } },
    proxy: { baseUrl: "https://graph.microsoft.com" },
  },
  {
    key: "sftp",
    label: "SFTP",
    category: "files",
    setup: [
      "Create an SFTP user for the integration, limited to the folders it needs.",
      "Paste the host, port, username and a password or private key.",
    ],
    description: "An SSH file transfer server, with a password or a private key.",
    kind: "fields",
    fields: [
      { key: "host", label: "Host", type: "string", required: true, placeholder: "sftp.example.com" },
      { key: "port", label: "Port", type: "string", default: "22" },
      { key: "username", label: "Username", type: "string", required: true },
      {
        key: "password",
        label: "Password",
        type: "password",
        secret: true,
        help: "Either a password or a private key",
      },
      {
        key: "private_key",
        label: "Private key",
        type: "text",
        secret: true,
        help: "Either a password or a private key",
        placeholder: "-----BEGIN OPENSSH PRIVATE KEY-----",
        format: "private_key",
      },
    ],
  },
];
