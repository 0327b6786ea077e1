import { connectionStatus, type ConnectionStatus as CredentialStatus } from "@/lib/connections/status";
import type { CredentialSummary } from "./queries";

export type { CredentialStatus };

/** What crosses to a screen or the API about a credential: never a value. */
export type CredentialDto = {
  id: string;
  label: string;
  authMethod: string;
  owner: { type: "organization" } | { type: "customer"; customerId: string; customerName: string | null };
  complete: boolean;
  status: CredentialStatus;
  statusReason: string | null;
  fieldsSet: string[];
  headers: { name: string; on: "authorize" | "token" | "both" }[];
  createdAt: string;
  updatedAt: string;
};

/** Builds the DTO of a credential row, with its status (lib/connections/status). */
export function toCredentialDto(row: CredentialSummary): CredentialDto {
  const { status, reason } = connectionStatus(row);
  return {
    id: row.id,
    label: row.label,
    authMethod: row.authMethod,
    owner: row.customerId
      ? { type: "customer", customerId: row.customerId, customerName: row.customerName }
      : { type: "organization" },
    complete: row.complete,
    status,
    statusReason: reason,
    fieldsSet: row.fieldsSet,
    headers: row.headerNames,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
