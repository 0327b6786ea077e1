import { DateTime } from "@/components/ui/date-time";
import type { WizardConnection } from "@/lib/instances/connections";

/**
 * The OAuth part of a connection inside the iframe. Providers refuse to be framed and the embedded
 * session cookie is partitioned (a popup at Latchkey's own site cannot see it), so CONNECT here
 * needs the popup flow: a single-use authorization URL minted from the embedded session, a popup
 * opened synchronously on the click, and a callback page that tells its opener. Until that flow
 * lands, this panel shows the authorization and says where to connect.
 */
export function EmbeddedOAuthPanel({ connection }: { connection: WizardConnection }) {
  const a = connection.authorization;
  const codeFlow = connection.connectionType.kind === "oauth2";
  return (
    <section aria-label={`Authorization of ${connection.label}`} className="space-y-2 rounded-md bg-slate-50 p-4 text-sm ring-1 ring-slate-200" data-oauth-seam="embedded-connect">
      {a ? (
        <p className="text-slate-700">
          {codeFlow ? "Authorized" : "Token fetched"} <DateTime iso={a.authorizedAt} />
          {a.grantedScopes.length > 0 ? ` · scopes ${a.grantedScopes.join(" ")}` : ""}
        </p>
      ) : (
        <p className="text-slate-700">{codeFlow ? "Not authorized yet." : "No token yet: save the client settings and the token is fetched."}</p>
      )}
      {codeFlow ? (
        <button type="button" disabled className="rounded-md bg-brand-600/50 px-3.5 py-2 text-sm font-medium text-white" title="CONNECT inside embedded screens opens a popup; it is not available yet">
          CONNECT
        </button>
      ) : null}
    </section>
  );
}
