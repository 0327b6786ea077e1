"use client";

import { notify } from "@/components/ui/notify";
import { disconnectAction } from "@/app/(app)/instances/actions";
import { SendLinkForm } from "@/components/authorization/send-link-form";
import { ConnectForm } from "@/components/connections/connect-form";
import { ConfirmDisconnectButton } from "@/components/connections/confirm-disconnect-button";
import { ConnectBlockedNote } from "@/components/connections/connect-blocked-note";
import { DateTime } from "@/components/ui/date-time";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import type { WizardConnection } from "@/lib/instances/connections";

/**
 * The OAuth part of a connection: CONNECT when it holds no tokens; the granted scopes, the token's
 * expiry and DISCONNECT when it does. The team can also e-mail the customer a link to CONNECT.
 */
export function OAuthPanel({
  instanceId,
  connection,
  writable,
  canSendLink,
}: {
  instanceId: string;
  connection: WizardConnection;
  writable: boolean;
  canSendLink: boolean;
}) {
  const disconnect = useActionMutation(disconnectAction, {
    onSuccess: (r) => (r.revocation === "failed" ? notify.warning(r.message) : notify.success(r.message)),
  });
  const a = connection.authorization;
  const codeFlow = connection.connectionType.traits.authorizes;
  const server = serverOf(connection);
  const blockedId = connection.connectBlocked ? `connect-blocked-${connection.key}` : undefined;
  const disconnectButton = (
    <ConfirmDisconnectButton
      label={connection.label}
      provider={connection.connectionType.label}
      pending={disconnect.isPending}
      onConfirm={() => disconnect.mutate({ instanceId, key: connection.key })}
    />
  );
  return (
    <section
      aria-label={`Authorization of ${connection.label}`}
      className="space-y-3 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200"
    >
      {a ? (
        <dl className="grid grid-cols-[9rem_1fr] gap-y-1.5 text-sm">
          <dt className="text-slate-500">{codeFlow ? "Authorized" : "Token fetched"}</dt>
          <dd>
            <DateTime iso={a.authorizedAt} />
          </dd>
          {server ? (
            <>
              <dt className="text-slate-500">Server</dt>
              <dd className="break-all" data-testid="mcp-server" title={server.url}>
                {server.host}
              </dd>
            </>
          ) : null}
          <dt className="text-slate-500">Granted scopes</dt>
          <dd className="font-mono text-xs" data-testid="granted-scopes">
            {a.grantedScopes.length > 0 ? a.grantedScopes.join(" ") : "none named"}
          </dd>
          <dt className="text-slate-500">Access token expires</dt>
          <dd>
            <DateTime iso={a.expiresAt} empty="No expiry given" />
            {a.refreshable ? null : " · no refresh token: CONNECT again when it expires"}
          </dd>
          {a.refreshable && !a.needsReauthorization ? (
            <>
              <dt className="text-slate-500">Next refresh</dt>
              <dd data-testid="next-refresh">
                <DateTime iso={a.nextRefreshAt} empty="Not scheduled" />
                {a.lastRefreshedAt ? (
                  <span className="text-slate-500">
                    {" "}
                    · last refreshed <DateTime iso={a.lastRefreshedAt} />
                  </span>
                ) : null}
                {a.consecutiveFailures > 0 ? (
                  <span className="text-amber-700">
                    {" "}
                    · {a.consecutiveFailures} failed attempt{a.consecutiveFailures === 1 ? "" : "s"} in a row, see Logs
                  </span>
                ) : null}
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="text-sm text-slate-700">
          {codeFlow
            ? "Not authorized yet. CONNECT opens the provider's sign-in and consent page."
            : "No token yet: save the client settings and Latchkey fetches one."}
        </p>
      )}
      {a?.needsReauthorization ? (
        <p className="text-sm font-medium text-red-700">
          The provider refused the refresh token: CONNECT again to re-authorize.
        </p>
      ) : null}
      {writable && codeFlow ? (
        <div className="flex flex-wrap gap-2">
          <ConnectForm
            target={{ instanceId, connection: connection.key }}
            label={a ? "CONNECT again" : "CONNECT"}
            variant={a ? "secondary" : "primary"}
            blockedBy={blockedId}
          />
          {a ? disconnectButton : null}
          {connection.connectBlocked && blockedId ? (
            <ConnectBlockedNote id={blockedId} reason={connection.connectBlocked} />
          ) : null}
        </div>
      ) : null}
      {writable && !codeFlow && a ? disconnectButton : null}
      {canSendLink && codeFlow ? <SendLinkForm target={{ instanceId, connectionKey: connection.key }} /> : null}
    </section>
  );
}

/** The server the connection talks to, where its kind names one (an MCP server's URL). */
function serverOf(connection: WizardConnection): { url: string; host: string } | null {
  const key = connection.connectionType.traits.serverField;
  const field = key ? connection.fields.find((f) => f.key === key) : undefined;
  const url = field?.value ?? field?.default;
  if (!url) return null;
  try {
    return { url, host: new URL(url).host };
  } catch {
    return null;
  }
}
