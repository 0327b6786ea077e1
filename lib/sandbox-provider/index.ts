import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type ClientMetadata, type KoaContext } from "oidc-provider";

// A real OAuth 2.0 authorization server (oidc-provider) on 127.0.0.1: the peer of the integration
// tests and the demo's Sandbox connection type, so that CONNECT works with no outside account. It
// behaves like the strict providers Latchkey must handle: PKCE required for every client, refresh
// tokens rotated on each use, short-lived access tokens, revocation and introspection.

export type SandboxClient = {
  clientId: string;
  clientSecret: string;
  authMethod: "client_secret_basic" | "client_secret_post" | "private_key_jwt";
  /** The public key (JWK) a private_key_jwt client signs its assertions with. */
  publicJwk?: Record<string, unknown>;
  /** Redirect URIs of the authorization code flow; none: a client credentials client only. */
  redirectUris?: string[];
  /** Whether this client may use the client_credentials grant. */
  clientCredentials?: boolean;
};

export type SandboxProviderOptions = {
  clients: SandboxClient[];
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Lifetime of access tokens; a few minutes by default so that refreshes happen while you watch. */
  accessTokenTtlSeconds?: number;
  /** Scopes besides offline_access that clients may ask for. */
  scopes?: string[];
  /**
   * Tests only: sees each token request's form first, and may answer it instead of the provider
   * (a fault: a 500, a 429, a garbled body) or delay it (a slow provider).
   */
  onTokenRequest?: (
    form: URLSearchParams,
    request: { aborted: () => boolean },
  ) => Promise<TokenRequestAnswer | undefined> | TokenRequestAnswer | undefined;
};

export type TokenRequestAnswer = {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
};

export type SandboxProvider = {
  issuer: string;
  url: string;
  endpoints: { authorization: string; token: string; revocation: string; introspection: string };
  close: () => Promise<void>;
};

export const SANDBOX_SCOPES = ["files.read", "files.write"];

function clientMetadata(c: SandboxClient): ClientMetadata {
  const codeFlow = (c.redirectUris?.length ?? 0) > 0;
  const grantTypes = [
    ...(codeFlow ? ["authorization_code", "refresh_token"] : []),
    ...(c.clientCredentials ? ["client_credentials"] : []),
  ];
  return {
    client_id: c.clientId,
    client_secret: c.clientSecret,
    token_endpoint_auth_method: c.authMethod,
    ...(c.publicJwk ? { jwks: { keys: [c.publicJwk] } } : {}),
    redirect_uris: c.redirectUris ?? [],
    response_types: codeFlow ? ["code"] : [],
    grant_types: grantTypes,
  };
}

/** The client id of an HTTP Basic credential (form-urlencoded inside, RFC 6749 section 2.3.1). */
function basicClientId(encoded: string): string | undefined {
  try {
    return decodeURIComponent(Buffer.from(encoded, "base64").toString("utf8").split(":")[0]!.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/**
 * oidc-provider accepts client_secret_basic and client_secret_post interchangeably; real providers
 * often do not. This middleware refuses a client that authenticates otherwise than registered, so
 * that the sandbox proves Latchkey sends what the connection type says. It reads the form body
 * first (oidc-provider then uses `req.body`).
 */
// oidc-provider's development pages import a web font from outside; the sandbox is meant to work
// offline and to send the browser nowhere but itself, so the import is dropped (system fonts remain).
const OUTSIDE_FONT_IMPORT = /@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);?/g;

async function withoutOutsideFonts(ctx: KoaContext, next: () => Promise<void>) {
  await next();
  if (typeof ctx.body === "string") ctx.body = ctx.body.replace(OUTSIDE_FONT_IMPORT, "");
}

function strictClientAuthentication(
  clients: SandboxClient[],
  onTokenRequest: SandboxProviderOptions["onTokenRequest"],
) {
  const registered = new Map(clients.map((c) => [c.clientId, c.authMethod]));
  return async (ctx: KoaContext, next: () => Promise<void>) => {
    if (
      ctx.method === "POST" &&
      /\/token(\/revocation|\/introspection)?$/.test(ctx.path) &&
      ctx.is("application/x-www-form-urlencoded")
    ) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of ctx.req) {
        size += (chunk as Buffer).length;
        // oidc-provider's own limit for form bodies.
        if (size > 56 * 1024) {
          ctx.status = 413;
          ctx.body = { error: "invalid_request", error_description: "request entity too large" };
          return;
        }
        chunks.push(chunk as Buffer);
      }
      const raw = Buffer.concat(chunks).toString("utf8");
      ctx.req.body = raw;
      const form = new URLSearchParams(raw);
      const header = /^basic\s+(\S+)$/i.exec(ctx.get("authorization"));
      const basicId = header ? basicClientId(header[1]!) : undefined;
      const used = header
        ? "client_secret_basic"
        : form.has("client_secret")
          ? "client_secret_post"
          : form.has("client_assertion")
            ? "private_key_jwt"
            : "none";
      const expected = registered.get(basicId ?? form.get("client_id") ?? "");
      if (expected && used !== expected) {
        ctx.status = 401;
        ctx.body = {
          error: "invalid_client",
          error_description: `this client authenticates with ${expected}, not ${used}`,
        };
        return;
      }
      if (onTokenRequest && ctx.path.endsWith("/token")) {
        const koa = ctx as unknown as { res: ServerResponse; type: string; set: (name: string, value: string) => void };
        const gone = () => ctx.req.socket.destroyed || koa.res.destroyed;
        const answer = await onTokenRequest(form, { aborted: gone });
        // A client that went away while the request was delayed: the provider never processes it.
        if (gone()) return;
        if (answer) {
          ctx.status = answer.status;
          koa.type = answer.contentType ?? "application/json";
          for (const [name, value] of Object.entries(answer.headers ?? {})) koa.set(name, value);
          ctx.body = answer.body;
          return;
        }
      }
    }
    await next();
  };
}

type PolicyClient = { clientId: string };
const ownToken = (_ctx: unknown, client: PolicyClient, token: PolicyClient) => token.clientId === client.clientId;

/** Starts the sandbox authorization server; resolves once it listens. */
export async function startSandboxProvider(options: SandboxProviderOptions): Promise<SandboxProvider> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accessTtl = options.accessTokenTtlSeconds ?? 5 * 60;
  // A signing key per start: ID tokens are not what Latchkey uses, but the provider needs one.
  const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

  const provider = new Provider(url, {
    clients: options.clients.map(clientMetadata),
    jwks: { keys: [{ ...jwk, use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    scopes: ["openid", "offline_access", ...(options.scopes ?? SANDBOX_SCOPES)],
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
    pkce: { required: () => true },
    rotateRefreshToken: () => true,
    features: {
      // The provider's own sign-in page (any login and password) and its consent page.
      devInteractions: { enabled: true },
      // A client may revoke and introspect its own tokens only (the tests introspect as the client).
      revocation: { enabled: true, allowedPolicy: ownToken },
      introspection: { enabled: true, allowedPolicy: ownToken },
      clientCredentials: { enabled: true },
    },
    // RFC 9207: oidc-provider 9 always sends `iss` in the authorization response (no switch needed).
    ttl: {
      AccessToken: accessTtl,
      ClientCredentials: accessTtl,
      AuthorizationCode: 60,
      RefreshToken: 14 * 24 * 60 * 60,
      Grant: 14 * 24 * 60 * 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: 24 * 60 * 60,
    },
  });
  provider.use(withoutOutsideFonts);
  provider.use(strictClientAuthentication(options.clients, options.onTokenRequest));
  server.on("request", provider.callback());

  return {
    issuer: url,
    url,
    endpoints: {
      authorization: `${url}/auth`,
      token: `${url}/token`,
      revocation: `${url}/token/revocation`,
      introspection: `${url}/token/introspection`,
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
