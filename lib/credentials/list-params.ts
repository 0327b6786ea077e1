import { z } from "zod";
import { NO_CONTROL_MESSAGE, noControl } from "@/lib/validation/text";

// The query string of a credential list page; anything malformed falls back to the first page.
const listParams = z.object({
  label: z.string().max(200).refine(noControl, NO_CONTROL_MESSAGE).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

/** Reads ?label= and ?cursor= of a list page. */
export function readListParams(raw: Record<string, string | string[] | undefined>) {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = listParams.parse({ label: first(raw.label)?.trim() || undefined, cursor: first(raw.cursor) });
  return { label: parsed.label ?? "", cursor: parsed.cursor };
}

export const CREDENTIALS_PAGE_SIZE = 25;
