import "server-only";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { outboundFetch, OutboundRequestError, outboundUrlProblem } from "@/lib/outbound/fetch";
import type { ConnectionTypeInput } from "./definition";

// OAuth discovery: an issuer URL in, a draft connection type out, read from the authorization
// server's metadata (RFC 8414 first, then OpenID Connect Discovery 1.0). The request goes through
// the outbound rules (https and public addresses outside development, no redirects, capped), and
// the metadata must name the issuer that was asked for (RFC 8414 section 3.3), so that a document
// copied elsewhere cannot pass for the provider's. Nothing is stored: the draft is reviewed, then saved.

const METADATA_MAX_BYTES = 256 * 1024;
const METADATA_TIMEOUT_MS = 10_000;

const endpointUrl = z.url().max(2048);
const metadataSchema = z
  .object(
    {
      issuer: z.string({ message: "it names no issuer" }).max(2048),
      authorization_endpoint: endpointUrl.optional(),
      token_endpoint: z.url({ message: "it names no token_endpoint URL" }).max(2048),
      revocation_endpoint: endpointUrl.optional(),
      scopes_supported: z.array(z.string().max(200)).max(500).optional(),
      code_challenge_methods_supported: z.array(z.string().max(50)).max(20).optional(),
      token_endpoint_auth_methods_supported: z.array(z.string().max(100)).max(20).optional(),
      service_documentation: endpointUrl.optional(),
    },
    { message: "it is not a JSON object" },
  )
  .loose();
type Metadata = z.infer<typeof metadataSchema>;

export type DiscoveredType = {
  draft: ConnectionTypeInput;
  metadata: {
    source: "oauth-authorization-server" | "openid-configuration";
    url: string;
    scopesSupported: string[];
    codeChallengeMethodsSupported: string[];
    tokenEndpointAuthMethodsSupported: string[];
  };
};

const refuse = (message: string) => new ValidationError(message, { issuer: message });

/** The metadata URLs of an issuer: RFC 8414 puts the well-known path before the issuer's path, OIDC after it. */
function metadataUrls(issuer: URL): { source: DiscoveredType["metadata"]["source"]; url: string }[] {
  const path = issuer.pathname.replace(/\/$/, "");
  return [
    { source: "oauth-authorization-server", url: `${issuer.origin}/.well-known/oauth-authorization-server${path}` },
    { source: "openid-configuration", url: `${issuer.origin}${path}/.well-known/openid-configuration` },
  ];
}

/** What one metadata URL answered: a JSON body, nothing (not found: try the next URL), or why it is not metadata. */
type Fetched = { body: unknown } | { problem: string } | undefined;

async function fetchMetadata(url: string): Promise<Fetched> {
  let response: Response;
  try {
    response = await outboundFetch(
      url,
      { headers: { accept: "application/json" } },
      { timeoutMs: METADATA_TIMEOUT_MS, maxBytes: METADATA_MAX_BYTES },
    );
  } catch (error) {
    if (error instanceof OutboundRequestError) throw refuse(error.message);
    throw refuse(`${new URL(url).host} did not answer`);
  }
  if (!response.ok) return undefined;
  const text = await response.text();
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    // A web page answering every path (a single-page app) is common: the next URL may still hold metadata.
    const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim() || "no content type";
    return { problem: `${url} answers ${type === "text/html" ? "an HTML page" : type}, not OAuth metadata (JSON)` };
  }
}

/** How the client authenticates, as the server offers it: Basic first, as RFC 6749 asks servers to support. */
function tokenAuthMethodOf(offered: string[] | undefined) {
  const methods = offered ?? ["client_secret_basic"];
  for (const m of ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"] as const)
    if (methods.includes(m)) return m;
  return "client_secret_basic" as const;
}

/** A key and label for the draft from the issuer's host (acme.example → acme_example). */
function namesOf(issuer: URL) {
  const host = issuer.hostname.replace(/^(www|auth|login|id|accounts|oauth)\./, "");
  const key = `${host
    .replace(/[^a-z0-9]+/gi, "_")
    .toLowerCase()
    .replace(/^_+|_+$/g, "")}`.slice(0, 60);
  return {
    key: /^[a-z]/.test(key) ? key : `idp_${key}`,
    label: host.split(".")[0]!.replace(/^./, (c) => c.toUpperCase()),
  };
}

function draftOf(issuer: URL, m: Metadata): ConnectionTypeInput {
  const names = namesOf(issuer);
  const code = !!m.authorization_endpoint;
  const method = tokenAuthMethodOf(m.token_endpoint_auth_methods_supported);
  const scopes = m.scopes_supported ?? [];
  const url = (key: string, label: string, value: string | undefined, required = true) =>
    value ? [{ key, label, type: "url" as const, required, default: value }] : [];
  return {
    key: names.key,
    label: names.label,
    description: `Discovered from ${m.issuer}`,
    kind: code ? "oauth2" : "oauth2_client_credentials",
    ...(m.service_documentation ? { docsUrl: m.service_documentation } : {}),
    fields: [
      { key: "client_id", label: "Client ID", type: "string", required: true },
      ...(method === "private_key_jwt"
        ? [
            {
              key: "private_key",
              label: "Private key",
              type: "text" as const,
              required: true,
              secret: true,
              format: "private_key" as const,
            },
          ]
        : method === "none"
          ? []
          : [
              { key: "client_secret", label: "Client secret", type: "password" as const, required: true, secret: true },
            ]),
      ...url("auth_uri", "Authorization URL", m.authorization_endpoint),
      ...url("token_uri", "Token URL", m.token_endpoint),
      ...url("revoke_uri", "Revocation URL", m.revocation_endpoint, false),
      { key: "scopes", label: "Scopes", type: "string", default: scopes.includes("openid") ? "openid" : "" },
    ],
    oauth: {
      pkce: (m.code_challenge_methods_supported ?? []).includes("S256"),
      tokenAuthMethod: method,
      scopeSeparator: " ",
      issuer: m.issuer,
      ...(scopes.includes("offline_access") ? { offlineAccess: { scope: "offline_access", params: {} } } : {}),
    },
  };
}

/** Reads an issuer's metadata and answers a draft type; a ValidationError at `issuer` says what went wrong. */
export async function discoverConnectionType(issuer: string): Promise<DiscoveredType> {
  const problem = outboundUrlProblem(issuer);
  if (problem) throw refuse(problem);
  const url = new URL(issuer);
  if (url.search || url.hash) throw refuse("An issuer URL has no query or fragment (RFC 8414 section 2)");
  let notMetadata: string | undefined;
  for (const candidate of metadataUrls(url)) {
    const fetched = await fetchMetadata(candidate.url);
    if (fetched === undefined) continue;
    if ("problem" in fetched) {
      notMetadata ??= fetched.problem;
      continue;
    }
    const parsed = metadataSchema.safeParse(fetched.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      // Our own messages read as a sentence ("it names no issuer"); zod's own need the field's name.
      const why = issue.message.startsWith("it ") ? issue.message : `${issue.path.join(".")}: ${issue.message}`;
      throw refuse(`${candidate.url} does not answer OAuth metadata: ${why}`);
    }
    const m = parsed.data;
    if (m.issuer.replace(/\/$/, "") !== issuer.replace(/\/$/, ""))
      throw refuse(`The metadata names the issuer ${m.issuer.slice(0, 200)}, not ${issuer}: it is not this server's`);
    for (const endpoint of [m.authorization_endpoint, m.token_endpoint, m.revocation_endpoint]) {
      const bad = endpoint ? outboundUrlProblem(endpoint) : null;
      if (bad) throw refuse(`The metadata's endpoint ${endpoint!.slice(0, 200)}: ${bad}`);
    }
    return {
      draft: draftOf(url, m),
      metadata: {
        source: candidate.source,
        url: candidate.url,
        scopesSupported: m.scopes_supported ?? [],
        codeChallengeMethodsSupported: m.code_challenge_methods_supported ?? [],
        tokenEndpointAuthMethodsSupported: m.token_endpoint_auth_methods_supported ?? [],
      },
    };
  }
  throw refuse(notMetadata ?? `${url.host} publishes no OAuth metadata (tried RFC 8414 and OpenID Connect discovery)`);
}
