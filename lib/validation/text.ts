import { z } from "zod";

// Text that people type (names, labels, search queries) and path segments. PostgreSQL refuses NUL
// in text ("invalid byte sequence"), which surfaced as a 500; other control characters hide in
// screens and logs. Both are refused at the edge with a message at the field. Tab, line feed and
// carriage return stay allowed where a value may span lines.

const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const NO_CONTROL_MESSAGE = "Remove the control characters (such as NUL) from this value";

/** Whether a value holds NUL or another control character (line breaks allowed when multiLine). */
export function hasControlCharacters(value: string, multiLine = false): boolean {
  return (multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value);
}

/** A one-line string without control characters. */
export function plainText(message = NO_CONTROL_MESSAGE) {
  return z.string().refine((v) => !hasControlCharacters(v), message);
}

/** A string that may span lines, without NUL or other control characters. */
export function multiLineText(message = NO_CONTROL_MESSAGE) {
  return z.string().refine((v) => !hasControlCharacters(v, true), message);
}

/** A path segment decoded once, or null when it is not valid percent-encoded UTF-8 or holds control characters. */
export function decodePathSegment(segment: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return hasControlCharacters(decoded) ? null : decoded;
}

/** For `.refine(noControl, NO_CONTROL_MESSAGE)` at the end of a one-line string schema. */
export const noControl = (value: string) => !hasControlCharacters(value);
/** For `.refine(noControlMultiLine, NO_CONTROL_MESSAGE)` on text that may span lines. */
export const noControlMultiLine = (value: string) => !hasControlCharacters(value, true);
