import "server-only";
import type { ConnectionKind } from "@/lib/connection-types/definition";
import { fieldsKind } from "./fields";
import type { Kind, KindTraits } from "./kind";
import { mcpKind } from "./mcp";
import { oauth2Kind } from "./oauth2";
import { oauth2ClientCredentialsKind } from "./oauth2-client-credentials";

// The kinds, by name. A new kind is its module and one line here.

export type { Kind, KindTraits, OutgoingRequest } from "./kind";

const kinds: Record<ConnectionKind, Kind> = {
  fields: fieldsKind,
  oauth2: oauth2Kind,
  oauth2_client_credentials: oauth2ClientCredentialsKind,
  mcp: mcpKind,
};

/** The behaviour of a kind. */
export function kindOf(kind: ConnectionKind): Kind {
  return kinds[kind];
}

/** The kind that stored tokens of this grant. */
export function kindOfGrant(grantType: NonNullable<Kind["grantType"]>): Kind {
  // The first kind of the grant: an MCP connection's tokens are an authorization code grant's too.
  return Object.values(kinds).find((k) => k.grantType === grantType)!;
}

/** What screens may know of every kind, for the connection type form. */
export function kindChoices(): KindTraits[] {
  return Object.values(kinds).map((k) => k.traits);
}
