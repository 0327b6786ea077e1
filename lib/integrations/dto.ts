import type { Integration, IntegrationStep } from "@/db/schema";
import type { ConfigVariableRow } from "./queries";
import type { IntegrationDto } from "./schemas";

// What an integration looks like outside lib: its config variables with their field settings (a
// secret default only as "has a default"), and its steps with the key of the connection they use.

/** The DTO of an integration, its config variables and its steps. */
export function toIntegrationDto(
  integration: Integration,
  variables: ConfigVariableRow[],
  steps: IntegrationStep[],
): IntegrationDto {
  const keyOf = new Map(variables.map((v) => [v.id, v.key]));
  return {
    id: integration.id,
    name: integration.name,
    description: integration.description,
    configVariables: variables.map((v) => ({
      id: v.id,
      key: v.key,
      label: v.label,
      type: "connection" as const,
      connectionType: v.connectionType,
      fields: Object.fromEntries(
        Object.entries(v.fields).map(([k, s]) => [
          k,
          {
            visibility: s.visibility,
            ...(s.default !== undefined ? { default: s.default } : {}),
            hasDefault: s.default !== undefined || !!s.hasSecretDefault,
          },
        ]),
      ),
      allowScopeOverride: v.allowScopeOverride,
      successRedirectUrl: v.successRedirectUrl,
      failureRedirectUrl: v.failureRedirectUrl,
      usedBySteps: steps.filter((s) => s.configVariableId === v.id).map((s) => s.name),
    })),
    steps: steps.map((s) => ({
      id: s.id,
      name: s.name,
      action: s.action,
      connection: s.configVariableId ? (keyOf.get(s.configVariableId) ?? null) : null,
    })),
    createdAt: integration.createdAt.toISOString(),
    updatedAt: integration.updatedAt.toISOString(),
  };
}
