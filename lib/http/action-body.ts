import { BodyTooLargeError, declaresTooLarge, readBodyText } from "./body";

// Server action bodies that Next itself fails on before the action wrapper runs: a body past
// `serverActions.bodySizeLimit` and one that is not the JSON Next's client sends both surfaced as
// 500. The proxy refuses them first, 413 and 400.

/** The cap of a server action body; the same as `experimental.serverActions.bodySizeLimit` in next.config.js. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

const refuse = (status: number, message: string) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** A 4xx answer to a malformed or oversized server action body, or null to let Next handle it. */
export async function badActionBodyResponse(request: Request): Promise<Response | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  if (declaresTooLarge(request, ACTION_BODY_LIMIT)) return refuse(413, "The form sent more than 1 MiB");
  // Plain actions arrive as a JSON array in a text/plain body; FormData ones (multipart) are Next's to parse.
  if (!/^text\/plain/i.test(request.headers.get("content-type") ?? "")) return null;
  let text: string;
  try {
    text = await readBodyText(request.clone(), ACTION_BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return refuse(413, "The form sent more than 1 MiB");
    throw error;
  }
  try {
    JSON.parse(text);
  } catch {
    return refuse(400, "The form's data is not readable");
  }
  return null;
}
