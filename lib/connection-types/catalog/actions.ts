import type { ConnectionType } from "@/lib/connection-types/definition";

// Step actions an integration can use. An action of a connection type needs a connection of that
// type; core actions need none. Component actions are data, like the connection types themselves.

export type StepAction = { key: string; label: string; connectionType: string | null };

const coreActions: StepAction[] = [
  { key: "core.schedule", label: "Run on a schedule", connectionType: null },
  { key: "core.webhook", label: "Receive a webhook", connectionType: null },
  { key: "core.map", label: "Map and transform data", connectionType: null },
  { key: "core.branch", label: "Branch on a condition", connectionType: null },
];

// A Map, not an object: a custom type keyed `constructor` must not find Object.prototype's.
const typeActions = new Map<string, [string, string][]>(
  Object.entries({
    amazon_s3: [
      ["list_objects", "List objects"],
      ["put_object", "Upload an object"],
      ["get_object", "Download an object"],
    ],
    dropbox: [
      ["list_folder", "List a folder"],
      ["upload_file", "Upload a file"],
      ["download_file", "Download a file"],
    ],
    google_drive: [
      ["list_files", "List files"],
      ["upload_file", "Upload a file"],
    ],
    salesforce: [
      ["query", "Run a SOQL query"],
      ["create_record", "Create a record"],
      ["update_record", "Update a record"],
    ],
    slack: [
      ["post_message", "Post a message"],
      ["list_channels", "List channels"],
    ],
    hubspot: [
      ["list_contacts", "List contacts"],
      ["create_contact", "Create a contact"],
    ],
    quickbooks: [
      ["create_invoice", "Create an invoice"],
      ["list_customers", "List customers"],
    ],
    microsoft_365: [
      ["send_mail", "Send an e-mail"],
      ["list_files", "List OneDrive files"],
    ],
    tableau: [
      ["refresh_extract", "Refresh an extract"],
      ["list_workbooks", "List workbooks"],
    ],
    sftp: [
      ["list_directory", "List a directory"],
      ["upload_file", "Upload a file"],
      ["download_file", "Download a file"],
    ],
  } satisfies Record<string, [string, string][]>),
);

/** The actions available with these connection types: the core ones, then each type's. */
export function stepActions(types: readonly ConnectionType[]): StepAction[] {
  const actions = [...coreActions];
  for (const type of types) {
    const own = type.builtIn ? (typeActions.get(type.key) ?? []) : [];
    for (const [key, label] of own)
      actions.push({ key: `${type.key}.${key}`, label: `${type.label}: ${label}`, connectionType: type.key });
    // Every type can at least call its service's API with the connection applied.
    actions.push({ key: `${type.key}.request`, label: `${type.label}: Send a request`, connectionType: type.key });
  }
  return actions;
}

/** The connection type an action needs: null for core actions, undefined for an unknown action. */
export function actionConnectionType(actionKey: string, types: readonly ConnectionType[]): string | null | undefined {
  return stepActions(types).find((a) => a.key === actionKey)?.connectionType;
}
