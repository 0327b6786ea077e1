import { credentialMethodViews } from "@/lib/connection-types/view";
import { CreateCredentialDialog } from "./create-credential-form";

/** "+ Credential", offering the six auth methods of the registry (described on the server). */
export function CreateCredentialButton({ customerId, ownerLabel }: { customerId?: string; ownerLabel: string }) {
  return <CreateCredentialDialog customerId={customerId} ownerLabel={ownerLabel} methods={credentialMethodViews()} />;
}
