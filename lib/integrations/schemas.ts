import { z } from "zod";
import { NO_CONTROL_MESSAGE, noControl, noControlMultiLine } from "@/lib/validation/text";

// Integration design as the API and the designer's actions take it (API.md: integrations).

const KEY = /^[a-z][a-z0-9_]*$/;
export const fieldVisibilities = ["customer", "embedded", "hidden"] as const;

const redirectUrl = z
  .url({ message: "Enter a full URL such as https://app.example.com/integrations/done" })
  .max(2048)
  .refine((u) => /^https?:\/\//.test(u), "The URL must use https")
  .nullable()
  .optional();

export const fieldSettingInput = z.object({
  /** null clears a default; a blank secret default keeps the stored one. */
  default: z.string().max(4096, "A default is at most 4,096 characters").nullable().optional(),
  /** Absent: the field keeps its setting, or gets its type's default (lib/integrations/default-visibility). */
  visibility: z.enum(fieldVisibilities, { message: "visibility is customer, embedded or hidden" }).optional(),
});

export const configVariableInput = z.object({
  key: z.string().regex(KEY, "A key is lower case letters, digits and underscores, starting with a letter").max(64),
  label: z.string().trim().min(1, "A config variable needs a label").max(100).refine(noControl, NO_CONTROL_MESSAGE),
  type: z.literal("connection", { message: 'type is "connection"' }).default("connection"),
  connectionType: z.string().min(1, "Choose a connection type").max(64),
  fields: z.record(z.string(), fieldSettingInput).default({}),
  allowScopeOverride: z.boolean().default(false),
  successRedirectUrl: redirectUrl,
  failureRedirectUrl: redirectUrl,
});
export type ConfigVariableInput = z.output<typeof configVariableInput>;

export const configVariablePatch = configVariableInput.omit({ key: true, type: true, connectionType: true }).partial();
export type ConfigVariablePatch = z.output<typeof configVariablePatch>;

export const stepInput = z.object({
  name: z.string().trim().min(1, "A step needs a name").max(100).refine(noControl, NO_CONTROL_MESSAGE),
  action: z.string().min(1, "Choose an action").max(100),
  /** The key of the connection config variable it uses; absent: a new one is created when the action needs it. */
  connection: z.string().max(64).nullable().optional(),
});
export type StepInput = z.output<typeof stepInput>;

export const integrationInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "An integration needs a name")
      .max(100, "A name is at most 100 characters")
      .refine(noControl, NO_CONTROL_MESSAGE),
    description: z.string().trim().max(1000).refine(noControlMultiLine, NO_CONTROL_MESSAGE).default(""),
    configVariables: z.array(configVariableInput).max(50).default([]),
    steps: z.array(stepInput).max(100).default([]),
  })
  .superRefine((input, ctx) => {
    const keys = new Set<string>();
    input.configVariables.forEach((v, i) => {
      if (keys.has(v.key))
        ctx.addIssue({
          code: "custom",
          path: ["configVariables", i, "key"],
          message: `The key ${v.key} is used twice`,
        });
      keys.add(v.key);
    });
  });
export type IntegrationInput = z.output<typeof integrationInput>;

export const integrationPatch = z.object({
  name: z
    .string()
    .trim()
    .min(1, "An integration needs a name")
    .max(100)
    .refine(noControl, NO_CONTROL_MESSAGE)
    .optional(),
  description: z.string().trim().max(1000).refine(noControlMultiLine, NO_CONTROL_MESSAGE).optional(),
});

export const integrationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    configVariables: z.array(
      z.object({
        id: z.uuid(),
        key: z.string(),
        label: z.string(),
        type: z.literal("connection"),
        connectionType: z.string(),
        fields: z.record(
          z.string(),
          z.object({ visibility: z.enum(fieldVisibilities), default: z.string().optional(), hasDefault: z.boolean() }),
        ),
        allowScopeOverride: z.boolean(),
        successRedirectUrl: z.string().nullable(),
        failureRedirectUrl: z.string().nullable(),
        usedBySteps: z.array(z.string()),
      }),
    ),
    steps: z.array(z.object({ id: z.uuid(), name: z.string(), action: z.string(), connection: z.string().nullable() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Integration" });
export type IntegrationDto = z.infer<typeof integrationSchema>;
