"use server";

import { action } from "@/lib/actions/action";
import { setValuesMessage } from "@/lib/embedding/messages";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { saveInstanceConnection } from "@/lib/instances/save-connection";
import { scopeOf } from "@/lib/tenancy";

// Server actions of the embedded screens. The iframe's script calls this for a `latchkey:set-values`
// message it accepted from an allowed parent origin; the embedded user's own scope bounds it.

const input = setValuesMessage.omit({ type: true, requestId: true });

export const embeddedSetValuesAction = action({ schema: input, permission: "instances:write" }, async (message, { db, user }) => {
  // Only an embedded session: the partner's page speaks through its iframe, never through the main app.
  if (!user.embedded) throw new ForbiddenError("Values from a partner's page are accepted in embedded screens only");
  const { connection, token } = await saveInstanceConnection(db, scopeOf(user), message.instanceId, message.connection, { values: message.values }, "embedded", user.id);
  if (token && !token.ok) throw new ValidationError(`Saved, but ${token.message.charAt(0).toLowerCase()}${token.message.slice(1)}`, token.fields);
  return { instanceId: message.instanceId, connection: message.connection, status: connection?.status ?? ("red" as const) };
});
