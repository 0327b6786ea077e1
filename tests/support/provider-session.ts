// Drives a sandbox provider's sign-in and consent pages over plain HTTP, the way a browser would:
// follow redirects by hand, keep cookies, post the forms. It stops at the first redirect that
// leaves the provider (to Latchkey's callback) and returns that URL.

type Jar = Map<string, string>;

function remember(jar: Jar, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    if (/expires=Thu, 01 Jan 1970/i.test(line) || value === "") jar.delete(name);
    else jar.set(name, value);
  }
}

async function send(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (jar.size > 0) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
  const response = await fetch(url, { ...init, headers, redirect: "manual" });
  remember(jar, response);
  return response;
}

export type Decision = { login?: string; consent?: "accept" | "deny" };

/**
 * Opens an authorization URL of a provider at `providerUrl`, signs in with any login and password,
 * consents (or denies), and returns the URL the provider finally redirects to.
 */
export async function authorizeAtProvider(
  authorizationUrl: string,
  providerUrl: string,
  decision: Decision = {},
): Promise<URL> {
  const jar: Jar = new Map();
  let url = authorizationUrl;
  for (let hop = 0; hop < 20; hop++) {
    if (!url.startsWith(providerUrl)) return new URL(url);
    let response = await send(jar, url);
    if (response.status === 200) {
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`The provider answered a page without a form: ${html.slice(0, 300)}`);
      const target = new URL(action.replace(/&amp;/g, "&"), url).href;
      if (html.includes('name="prompt" value="login"')) {
        response = await send(jar, target, {
          method: "POST",
          body: new URLSearchParams({ prompt: "login", login: decision.login ?? "alice", password: "any password" }),
        });
      } else if (decision.consent === "deny") {
        response = await send(jar, new URL(`${new URL(target).pathname}/abort`, url).href);
      } else {
        response = await send(jar, target, { method: "POST", body: new URLSearchParams({ prompt: "consent" }) });
      }
    }
    const location = response.headers.get("location");
    if (!location)
      throw new Error(
        `The provider answered ${response.status} without a redirect: ${(await response.text()).slice(0, 300)}`,
      );
    url = new URL(location, url).href;
  }
  throw new Error("Too many redirects at the provider");
}

type Client = { clientId: string; clientSecret: string; authMethod: "client_secret_basic" | "client_secret_post" };

/** Asks the provider's introspection endpoint about a token (RFC 7662), as the client itself. */
export async function introspect(
  providerUrl: string,
  client: Client,
  token: string,
): Promise<{ active: boolean; [k: string]: unknown }> {
  const post = client.authMethod === "client_secret_post";
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString("base64")}`;
  const response = await fetch(`${providerUrl}/token/introspection`, {
    method: "POST",
    headers: { ...(post ? {} : { authorization: basic }), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      token,
      ...(post ? { client_id: client.clientId, client_secret: client.clientSecret } : {}),
    }),
  });
  if (!response.ok) throw new Error(`Introspection answered ${response.status}`);
  return (await response.json()) as { active: boolean };
}
