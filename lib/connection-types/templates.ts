import { ValidationError } from "@/lib/errors";
import { own } from "@/lib/validation/own";
import type { ConnectionField } from "./definition";

// URLs templated from a connection's fields: `https://{{subdomain}}.zendesk.com/oauth/tokens`. Only
// non-secret fields may appear (a URL is logged and shown), and a field placed in an OAuth
// endpoint must declare a pattern, so that its value can never make the URL point at a host of
// the caller's choosing. The definition is checked when the type is saved; the values when the
// URL is built, so a value stored before its pattern changed still never reaches a URL.

const PLACEHOLDER = /\{\{\s*([a-z0-9_]+)\s*\}\}/g;

/** Why a value does not match its field's pattern, or undefined when it does (or there is none). */
export function patternProblem(field: Pick<ConnectionField, "label" | "pattern" | "patternMessage">, value: string) {
  // Anchored whatever the integrator wrote: a partial match must not let a host through.
  if (!field.pattern || new RegExp(`^(?:${field.pattern})$`, "u").test(value)) return undefined;
  return field.patternMessage ?? `${field.label} does not have the expected form (${field.pattern})`;
}

/** The OAuth endpoint fields whose values may be templates. */
export const templatedEndpoints = ["auth_uri", "token_uri", "revoke_uri"] as const;

/** The field keys a template names, in order. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

type TemplateField = Pick<ConnectionField, "key" | "label" | "pattern" | "patternMessage"> & { secret: boolean };

/** What is wrong with a template given the type's fields, one message per bad placeholder. */
export function templateProblems(
  template: string,
  fields: readonly TemplateField[],
  o: { needsPattern: boolean; inHeader?: boolean },
) {
  return placeholdersOf(template).flatMap((key) => {
    const field = fields.find((f) => f.key === key);
    if (!field) return [`names {{${key}}}, which is not a field of this type`];
    if (field.secret)
      return [
        o.inHeader
          ? `names {{${key}}}, a secret field: a header is logged by proxies on the way, a secret is not`
          : `names {{${key}}}, a secret field: a URL is logged and shown, a secret is not`,
      ];
    if (o.needsPattern && !field.pattern)
      return [`names {{${key}}}, which needs a pattern (such as ^[a-z0-9-]+$) so that no value can change the host`];
    return [];
  });
}

/** Fills an endpoint template with the connection's values, each checked against its field's pattern and URL-encoded. */
export function fillEndpointTemplate(
  template: string,
  values: Record<string, string>,
  fields: readonly TemplateField[],
  label: string,
): string {
  return template.replace(PLACEHOLDER, (_match: string, key: string) => {
    const field = fields.find((f) => f.key === key);
    const problem = field ? templateProblems(`{{${key}}}`, fields, { needsPattern: true })[0] : undefined;
    if (!field || problem)
      throw new ValidationError(`${label} ${problem ?? `names {{${key}}}, which is not a field of this type`}`);
    const value = own(values, key)?.trim();
    if (!value) throw new ValidationError(`Set ${field.label} first`, { [`values.${key}`]: `Needed by the ${label}` });
    const mismatch = patternProblem(field, value);
    if (mismatch) throw new ValidationError(mismatch, { [`values.${key}`]: mismatch });
    return encodeURIComponent(value);
  });
}

/**
 * Fills a header value template with the connection's values, as they are (a header is not a URL),
 * each checked against its field's pattern; a value with a line break or other control character
 * could start a header of its own, so it is refused.
 */
export function fillHeaderTemplate(
  template: string,
  values: Record<string, string>,
  fields: readonly TemplateField[],
  label: string,
): string {
  return template.replace(PLACEHOLDER, (_match: string, key: string) => {
    const field = fields.find((f) => f.key === key);
    const problem = templateProblems(`{{${key}}}`, fields, { needsPattern: false, inHeader: true })[0];
    if (!field || problem) throw new ValidationError(`${label} ${problem ?? `names {{${key}}}`}`);
    const value = own(values, key)?.trim();
    if (!value) throw new ValidationError(`Set ${field.label} first`, { [`values.${key}`]: `Needed by the ${label}` });
    const mismatch =
      patternProblem(field, value) ??
      (/[\u0000-\u001f\u007f]/.test(value) ? `${field.label} holds a control character` : undefined);
    if (mismatch) throw new ValidationError(mismatch, { [`values.${key}`]: mismatch });
    return value;
  });
}
