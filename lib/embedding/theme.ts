import { z } from "zod";

// The few look-and-feel settings a partner passes on the sign-in URL (?accent=%23ff6600&radius=8&background=%23ffffff).
// Each is validated on its own: a bad value is dropped, never interpolated into CSS.

const hexColor = z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/);
const radius = z.coerce.number().int().min(0).max(24);

export const themeSchema = z.object({
  accent: hexColor.optional(),
  background: hexColor.optional(),
  radius: radius.optional(),
});
export type EmbeddedTheme = z.infer<typeof themeSchema>;

/** The valid theme values among the query parameters, and the names of the ones that were dropped. */
export function parseTheme(params: URLSearchParams): { theme: EmbeddedTheme; rejected: string[] } {
  const theme: EmbeddedTheme = {};
  const rejected: string[] = [];
  for (const key of ["accent", "background", "radius"] as const) {
    const raw = params.get(key);
    if (raw === null || raw === "") continue;
    const parsed = themeSchema.shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) Object.assign(theme, { [key]: parsed.data });
    else rejected.push(key);
  }
  return { theme, rejected };
}

/** CSS custom properties that restyle the shared components: the brand scale from the accent, the radii, the page background. */
export function themeVariables(input: unknown): Record<string, string> {
  const parsed = themeSchema.safeParse(input);
  if (!parsed.success) return {};
  const { accent, background, radius: r } = parsed.data;
  const vars: Record<string, string> = {};
  if (accent) {
    vars["--color-brand-50"] = `color-mix(in srgb, ${accent} 8%, white)`;
    vars["--color-brand-100"] = `color-mix(in srgb, ${accent} 18%, white)`;
    vars["--color-brand-500"] = `color-mix(in srgb, ${accent} 85%, white)`;
    vars["--color-brand-600"] = accent;
    vars["--color-brand-700"] = `color-mix(in srgb, ${accent} 80%, black)`;
  }
  if (r !== undefined) {
    vars["--radius-sm"] = `${Math.round(r / 2)}px`;
    vars["--radius-md"] = `${r}px`;
    vars["--radius-lg"] = `${Math.round(r * 1.5)}px`;
  }
  if (background) vars["--embedded-background"] = background;
  return vars;
}
