import { z } from "zod";

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
    name: z.string().trim().min(1, "The name cannot be empty").max(200, "Keep the name under 200 characters"),
    allowedRedirectOrigins: z.array(originSchema).max(50, "At most 50 origins"),
    allowedFrameOrigins: z.array(originSchema).max(50, "At most 50 origins"),
  })
  .partial()
  .strict()
  .meta({ id: "OrganizationUpdate" });
