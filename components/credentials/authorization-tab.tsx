import { OutstandingLinks } from "@/components/authorization/outstanding-links";
import { SendLinkForm } from "@/components/authorization/send-link-form";
import { ConnectForm } from "@/components/connections/connect-form";
import { DateTime } from "@/components/ui/date-time";
import type { AuthorizationSummary } from "@/lib/credentials/tokens";
import { DisconnectCredentialButton } from "./disconnect-credential-button";

type Props = {
  credentialId: string;
  label: string;
  /** Whom the grant is with, as a person knows it (the connection type's label). */
  provider: string;
  authorization: AuthorizationSummary | undefined;
  customerAuthorization: { email: string; completedAt: string } | null;
  /** Links sent and still working; only given to the team (who may revoke them). */
  outstandingLinks?: { id: string; email: string; createdAt: string; expiresAt: string }[];
  writable: boolean;
  canSendLink: boolean;
};

/** A credential's OAuth 2.0 Authorization tab: its state, CONNECT / DISCONNECT, and Send email. */
export function AuthorizationTab({
  credentialId,
  label,
  provider,
  authorization: a,
  customerAuthorization,
  outstandingLinks = [],
  writable,
  canSendLink,
}: Props) {
  return (
    <div className="max-w-2xl space-y-4">
      {customerAuthorization ? (
        <div
          role="status"
          className="rounded-md border-l-4 border-emerald-500 bg-emerald-50 px-4 py-3 text-sm text-emerald-900"
        >
          Customer authorization complete: {customerAuthorization.email},{" "}
          <DateTime iso={customerAuthorization.completedAt} />
        </div>
      ) : null}
      <div className="space-y-3 rounded-lg bg-white p-5 text-sm ring-1 ring-slate-200">
        {a ? (
          <>
            <p className="font-medium text-slate-900">Authorized</p>
            <dl className="grid grid-cols-[10rem_1fr] gap-y-1.5">
              <dt className="text-slate-500">Since</dt>
              <dd>
                <DateTime iso={a.authorizedAt.toISOString()} />
              </dd>
              <dt className="text-slate-500">Granted scopes</dt>
              <dd className="font-mono text-xs">{a.grantedScopes.join(" ") || "none named"}</dd>
              <dt className="text-slate-500">Access token expires</dt>
              <dd>
                <DateTime iso={a.expiresAt?.toISOString() ?? null} empty="No expiry given" />
              </dd>
              <dt className="text-slate-500">Refresh token</dt>
              <dd>
                {a.hasRefreshToken
                  ? "Held, used by Latchkey to renew the access token"
                  : "None: CONNECT again when the access token expires"}
              </dd>
              {a.nextRefreshAt && !a.needsReauthorization ? (
                <>
                  <dt className="text-slate-500">Next refresh</dt>
                  <dd>
                    <DateTime iso={a.nextRefreshAt.toISOString()} />
                    {a.lastRefreshedAt ? (
                      <span className="text-slate-500">
                        {" "}
                        · last refreshed <DateTime iso={a.lastRefreshedAt.toISOString()} />
                      </span>
                    ) : null}
                    {a.consecutiveFailures > 0 ? (
                      <span className="text-amber-700">
                        {" "}
                        · {a.consecutiveFailures} failed attempt{a.consecutiveFailures === 1 ? "" : "s"} in a row, see
                        the log
                      </span>
                    ) : null}
                  </dd>
                </>
              ) : null}
            </dl>
            {a.needsReauthorization ? (
              <p className="font-medium text-red-700">
                The provider refused the refresh token: CONNECT again to re-authorize.
              </p>
            ) : null}
          </>
        ) : (
          <>
            <p className="font-medium text-slate-900">Not authorized</p>
            <p className="text-slate-600">
              No OAuth 2.0 authorization has been completed for this credential, so it holds no access or refresh token.
            </p>
          </>
        )}
        {writable ? (
          <div className="flex flex-wrap gap-2 pt-1">
            <ConnectForm
              target={{ credentialId }}
              label={a ? "CONNECT again" : "CONNECT"}
              variant={a ? "secondary" : "primary"}
            />
            {a ? <DisconnectCredentialButton credentialId={credentialId} label={label} provider={provider} /> : null}
          </div>
        ) : null}
      </div>
      {canSendLink ? (
        <div className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
          <h2 className="mb-3 text-sm font-semibold text-slate-900">Ask the customer to authorize</h2>
          <OutstandingLinks links={outstandingLinks} />
          <SendLinkForm target={{ credentialId }} />
        </div>
      ) : null}
    </div>
  );
}
