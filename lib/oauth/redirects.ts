// Custom success and failure redirects of a connection config variable. A redirect sends the
// customer's browser to a URL an integrator typed in, with names and ids in the query: it must be
// http(s), and its origin must be one the organization allows (Settings: allowed redirect origins),
// so that a config variable cannot turn the callback into an open redirector.

export type RedirectParams = {
  instanceId: string;
  instanceName: string;
  integrationId: string;
  integrationName: string;
  configVarId: string;
  configVarName: string;
};

/** Why a custom redirect URL cannot be used, or null when it can. */
export function redirectUrlProblem(raw: string, allowedOrigins: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "The redirect URL is not a full URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The redirect URL must use http or https";
  const allowed = allowedOrigins.some((origin) => {
    try {
      return new URL(origin).origin === url.origin;
    } catch {
      return false;
    }
  });
  if (!allowed)
    return `The redirect URL's origin ${url.origin} is not one of the organization's allowed redirect origins (Settings)`;
  return null;
}

/** The redirect URL with the connection's names and ids (and the error, on failure) in its query. */
export function redirectWithParams(
  raw: string,
  params: RedirectParams & { error?: string; error_description?: string },
): string {
  const url = new URL(raw);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.href;
}
