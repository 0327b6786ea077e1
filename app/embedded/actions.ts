"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import { startEmbeddedConnect } from "@/lib/embedding/connect";
import { setValuesMessage } from "@/lib/embedding/messages";
import { ForbiddenError } from "@/lib/errors";
import { logSecurityEvent } from "@/lib/log";
import { saveInstanceConnection } from "@/lib/instances/save-connection";
import { tokenRefusalError } from "@/lib/oauth/token-on-save";
import { scopeOf } from "@/lib/tenancy";

// Server actions of the embedded screens. The iframe's script calls set-values for a
// `latchkey:set-values` message it accepted from an allowed parent origin, and connect for CONNECT;
// the embedded user's own scope bounds both.

const input = setValuesMessage.omit({ type: true, requestId: true });

/** The embedded user behind an action, or ForbiddenError: these actions serve embedded screens only. */
function embeddedOnly<U extends { embedded: boolean; customerId: string | null }>(user: U): U & { customerId: string } {
  if (!user.embedded || !user.customerId) throw new ForbiddenError("This is available in embedded screens only");
  return user as U & { customerId: string };
}

export const embeddedSetValuesAction = action(
  { surface: "embedded", schema: input, permission: "instances:write" },
  async (message, { db, user }) => {
    // Only an embedded session: the partner's page speaks through its iframe, never through the main app.
    embeddedOnly(user);
    const { connection, token } = await saveInstanceConnection(
      db,
      scopeOf(user),
      message.instanceId,
      message.connection,
      { values: message.values },
      "embedded",
      user.id,
    );
    const refused = tokenRefusalError(token);
    if (refused) throw refused;
    return {
      instanceId: message.instanceId,
      connection: message.connection,
      status: connection?.status ?? ("red" as const),
    };
  },
);

const connectInput = z.object({
  instanceId: z.uuid("instanceId must be an instance's id"),
  connection: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, "connection must be a config variable key")
    .max(64),
  returnTo: z.string().max(2000).nullable().optional(),
});

/** CONNECT in an embedded screen: the provider's authorization URL for the popup the click opened (or for the whole page, when the popup was blocked). */
export const embeddedConnectAction = action(
  { surface: "embedded", schema: connectInput, permission: "instances:write" },
  async (input, { db, user }) => {
    const started = await startEmbeddedConnect(
      db,
      embeddedOnly(user),
      input.instanceId,
      input.connection,
      input.returnTo,
    );
    return { url: started.url };
  },
);

/** The iframe ignored a set-values message from a window it does not trust: a line in the security log. */
export const embeddedIgnoredMessageAction = action(
  {
    surface: "embedded",
    schema: z.object({ origin: z.string().max(300), reason: z.enum(["origin_not_allowed", "not_parent"]) }),
  },
  async (input, { user }) => {
    embeddedOnly(user);
    logSecurityEvent("embedded message ignored", {
      organization: user.organizationId,
      customer: user.customerId,
      user: user.id,
      origin: input.origin,
      reason: input.reason,
    });
    return { logged: true };
  },
);
