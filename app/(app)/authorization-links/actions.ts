"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import { instanceConnectionCredential } from "@/lib/instances/ensure-credential";
import { revokeAuthorizationLink, sendAuthorizationLink, sendLinkInput } from "@/lib/authorization-links/service";
import { findCredential } from "@/lib/credentials/queries";
import { NotFoundError } from "@/lib/errors";
import { scopeOf } from "@/lib/tenancy";

// "Send email" of a credential's Authorization tab and of an instance's OAuth connection.

export const sendCredentialLinkAction = action(
  { schema: sendLinkInput.extend({ credentialId: z.uuid() }), permission: "credentials:write" },
  async (input, { db, user }) => {
    const credential = await findCredential(db, scopeOf(user), input.credentialId);
    if (!credential) throw new NotFoundError("No such credential");
    return sendAuthorizationLink(
      db,
      scopeOf(user),
      { credentialId: credential.id, what: credential.label },
      input.email,
      user.id,
    );
  },
);

export const sendInstanceLinkAction = action(
  {
    schema: sendLinkInput.extend({ instanceId: z.uuid(), key: z.string().min(1).max(64) }),
    permission: "instances:write",
  },
  async (input, { db, user }) => {
    const target = await instanceConnectionCredential(db, scopeOf(user), input.instanceId, input.key, user.id);
    return sendAuthorizationLink(
      db,
      scopeOf(user),
      { credentialId: target.credentialId, instanceId: input.instanceId, connectionKey: input.key, what: target.label },
      input.email,
      user.id,
    );
  },
);

// "Revoke" of an outstanding link on a credential's Authorization tab.
export const revokeLinkAction = action(
  { schema: z.object({ linkId: z.uuid() }), permission: "credentials:write" },
  async (input, { db, user }) => revokeAuthorizationLink(db, scopeOf(user), input.linkId, user.id),
);
