import { z } from "zod";
import { NO_CONTROL_MESSAGE, noControl } from "@/lib/validation/text";

/** An origin such as https://partner.example (scheme, host and port, nothing else). */
export const originSchema = z
  .string()
  .trim()
  .max(300, "An origin is at most 300 characters")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value.replace(/\/$/, "");
    } catch {
      return false;
    }
  }, "Use an origin like https://app.example.com: scheme, host and optional port, no path")
  .transform((value) => new URL(value).origin);

export const organizationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    allowedRedirectOrigins: z.array(z.string()),
    allowedFrameOrigins: z.array(z.string()),
  })
  .meta({ id: "Organization" });

export const updateOrganizationSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "The name cannot be empty")
      .max(200, "Keep the name under 200 characters")
      .refine(noControl, NO_CONTROL_MESSAGE),
    allowedRedirectOrigins: z.array(originSchema).max(50, "At most 50 origins"),
    allowedFrameOrigins: z.array(originSchema).max(50, "At most 50 origins"),
  })
  .partial()
  .strict()
  .meta({ id: "OrganizationUpdate" });

/**
 * A textarea of origins, one per line (blank lines ignored), as an array of origins; a bad line
 * is reported with its number, so the form can say which one to fix.
 */
export const originLinesSchema = z
  .string()
  .max(20_000, "That is far more than 50 origins")
  .transform((text, ctx) => {
    const lines = text.split(/\r?\n/).map((l) => l.trim());
    const origins: string[] = [];
    lines.forEach((line, index) => {
      if (line === "") return;
      const parsed = originSchema.safeParse(line);
      if (parsed.success) origins.push(parsed.data);
      else
        ctx.addIssue({
          code: "custom",
          message: `Line ${index + 1} (${line.slice(0, 60)}): ${parsed.error.issues[0]?.message ?? "not an origin"}`,
        });
    });
    if (origins.length > 50) ctx.addIssue({ code: "custom", message: "At most 50 origins" });
    return [...new Set(origins)];
  });

/** Settings → Embedding's origins forms: each saves its own list, so one never overwrites the other. */
export const embeddingOriginsSchema = z
  .object({ allowedFrameOrigins: originLinesSchema, allowedRedirectOrigins: originLinesSchema })
  .partial()
  .refine(
    (v) => v.allowedFrameOrigins !== undefined || v.allowedRedirectOrigins !== undefined,
    "Give the frame or the redirect origins",
  );
