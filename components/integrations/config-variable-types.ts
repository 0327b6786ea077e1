import type { IntegrationDto } from "@/lib/integrations/schemas";

export type Variable = IntegrationDto["configVariables"][number];
export type Visibility = "customer" | "embedded" | "hidden";
/** The save's error for one field, keyed as the action reports it. */
export type FieldErrors = Record<string, string>;
