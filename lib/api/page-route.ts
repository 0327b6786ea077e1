import "server-only";
import { logUnexpected } from "@/lib/log";
import { runForRequest } from "@/lib/http/in-request";
import { answerFor, type ErrorAnswer } from "./errors";

// Routes that a person's browser reaches (OAuth CONNECT and its callback, the embedded sign-in)
// answer with a page, never JSON and never a bare 500. They share apiRoute's mapping of domain
// errors (answerFor); each route only says how an answer looks as its own page.

type PageHandler = (request: Request) => Promise<Response>;
/** A handler made by pageRoute; the mark lets a test find an OAuth or embedded route that is not. */
export type PageRouteHandler = PageHandler & { readonly answersWithPage: true };

/**
 * The one wrapper of page-answering routes: whatever the handler throws becomes `page(answer)`,
 * with the status and words of the shared error mapping. An unexpected error is logged with the
 * route, and reaches the page only as `unexpected: true` with generic words.
 */
export function pageRoute(page: (answer: ErrorAnswer) => Response, handler: PageHandler): PageRouteHandler {
  const route: PageHandler = async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      const answer = answerFor(error);
      if (answer.unexpected) logUnexpected(`${request.method} ${new URL(request.url).pathname}`, error);
      return page(answer);
    }
  };
  const inContext: PageHandler = (request) => runForRequest(request, () => route(request));
  return Object.assign(inContext, { answersWithPage: true as const });
}
