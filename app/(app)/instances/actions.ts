"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import { connectionInput } from "@/lib/instances/connections";
import { saveInstanceConnection } from "@/lib/instances/save-connection";
import { tokenRefusalError } from "@/lib/oauth/token-on-save";
import { disconnect } from "@/lib/oauth/disconnect";
import { instanceConnectionLogs } from "@/lib/instances/logs";
import { deleteInstance, deployInstance, instanceInput } from "@/lib/instances/service";
import { testInstanceConnection } from "@/lib/instances/test-connection";
import { scopeOf } from "@/lib/tenancy";
import { createRuntimeKeySchema } from "@/lib/api-keys/service";
import { addRuntimeKey, revokeRuntimeKey } from "@/lib/runtime/keys";

// Server actions of instances: deploy, configure a connection, test it, read its log, delete.
// A customer user's scope carries its customer, so every lookup stays inside it. Those marked
// surface "any" serve the embedded wizard too; the runtime keys are the main app's only.

const id = z.uuid();
const key = z.string().min(1).max(64);

export const deployInstanceAction = action(
  { surface: "any", schema: instanceInput, permission: "instances:write" },
  async (input, { db, user }) => {
    const created = await deployInstance(db, scopeOf(user), input, user.id);
    return { id: created.id, name: created.name, customerName: created.customerName };
  },
);

export const deleteInstanceAction = action(
  { surface: "any", schema: z.object({ id }), permission: "instances:write" },
  async (input, { db, user }) => {
    await deleteInstance(db, scopeOf(user), input.id);
    return { id: input.id };
  },
);

export const setConnectionAction = action(
  { surface: "any", schema: z.object({ instanceId: id, key, input: connectionInput }), permission: "instances:write" },
  async (input, { db, user }) => {
    const { token } = await saveInstanceConnection(
      db,
      scopeOf(user),
      input.instanceId,
      input.key,
      input.input,
      user.role === "customer" ? "customer" : "organization",
      user.id,
    );
    // Saved either way; a refused client credentials token is said at the field it points to.
    const refused = tokenRefusalError(token);
    if (refused) throw refused;
    return { key: input.key };
  },
);

export const disconnectAction = action(
  { surface: "any", schema: z.object({ instanceId: id, key }), permission: "instances:write" },
  async (input, { db, user }) => {
    return disconnect(db, scopeOf(user), { instanceId: input.instanceId, configVarKey: input.key });
  },
);

export const testConnectionAction = action(
  { surface: "any", schema: z.object({ instanceId: id, key }), permission: "instances:write" },
  async (input, { db, user }) => {
    return testInstanceConnection(db, scopeOf(user), input.instanceId, input.key);
  },
);

// Read by React Query while the log is open; a read, so any signed-in user of the scope may.
export const connectionLogsAction = action(
  { surface: "any", schema: z.object({ instanceId: id, key }) },
  async (input, { db, user }) => {
    return instanceConnectionLogs(db, scopeOf(user), input.instanceId, input.key, 100);
  },
);

export const createRuntimeKeyAction = action(
  { schema: createRuntimeKeySchema.extend({ instanceId: id }), permission: "runtime-keys:manage" },
  async (input, { db, user }) => {
    const created = await addRuntimeKey(db, scopeOf(user), input.instanceId, user.id, { name: input.name });
    // The one moment the key leaves the server: shown once to the person who created it.
    return { id: created.id, name: created.name, token: created.key };
  },
);

export const revokeRuntimeKeyAction = action(
  { schema: z.object({ instanceId: id, keyId: id }), permission: "runtime-keys:manage" },
  async (input, { db, user }) => {
    await revokeRuntimeKey(db, scopeOf(user), input.instanceId, input.keyId);
    return { id: input.keyId };
  },
);
