import { connectionTypeInputSchema, toConnectionType, type ConnectionType } from "@/lib/connection-types/definition";
import { authMethodTypes, credentialMethodKeys } from "./types/auth-methods";
import { genericHttpTypes } from "./types/generic-http";
import { mcpTypes } from "./types/mcp";
import { catalogueTypes } from "./providers";
import { providerTypes } from "./types/providers";

// The built-in catalogue: data, parsed once through the same schema as custom types, so a mistake
// here fails at start-up (and in the unit test), not in front of a customer. The credential
// manager's six auth methods are built-in types too, listed after the services.

function parse(input: (typeof providerTypes)[number]): ConnectionType {
  const result = connectionTypeInputSchema.safeParse(input);
  if (!result.success) throw new Error(`Built-in connection type ${input.key} is not valid: ${result.error.message}`);
  return toConnectionType(result.data, true);
}

export const builtInConnectionTypes: readonly ConnectionType[] = [
  ...providerTypes,
  ...catalogueTypes,
  ...mcpTypes,
  ...[...genericHttpTypes, ...authMethodTypes].map((t) => ({ ...t, category: "generic" as const })),
].map(parse);

/** A built-in connection type by key. */
export function findBuiltInConnectionType(key: string): ConnectionType | undefined {
  return builtInConnectionTypes.find((t) => t.key === key);
}

/** The six auth methods a credential can be made with on its own, in the order the form offers them. */
export const credentialMethodTypes: readonly ConnectionType[] = credentialMethodKeys.map((key) =>
  findBuiltInConnectionType(key)!,
);

export { credentialMethodKeys, type CredentialMethodKey } from "./types/auth-methods";
