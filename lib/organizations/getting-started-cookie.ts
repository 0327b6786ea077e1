/** Holds the id of the organization whose getting-started checklist this browser dismissed. */
export const GETTING_STARTED_COOKIE = "latchkey-getting-started-dismissed";
