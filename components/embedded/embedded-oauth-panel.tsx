"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { notify } from "@/components/ui/notify";
import { embeddedConnectAction } from "@/app/embedded/actions";
import { disconnectAction } from "@/app/(app)/instances/actions";
import { ConfirmDisconnectButton } from "@/components/connections/confirm-disconnect-button";
import { ConnectBlockedNote } from "@/components/connections/connect-blocked-note";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import type { WizardConnection } from "@/lib/instances/connections";

type Outcome = {
  type: "latchkey:oauth-complete";
  instanceId: string | null;
  connection: string | null;
  ok: boolean;
  message?: unknown;
};

const isOutcome = (data: unknown): data is Outcome =>
  typeof data === "object" && data !== null && (data as { type?: unknown }).type === "latchkey:oauth-complete";

/** The partner page to come back to after a full-page CONNECT; the server keeps it only on an allowed origin. */
function partnerPage(): string | null {
  if (document.referrer) return document.referrer;
  const ancestors = (window.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  return ancestors && ancestors.length > 0 ? (ancestors[0] ?? null) : null;
}

/**
 * The OAuth part of a connection inside the iframe. Providers refuse to be framed, so CONNECT opens
 * a popup synchronously on the click (later, the browser would block it), asks Latchkey for the
 * provider's URL with the embedded session, and sends the popup there. The callback page tells this
 * iframe by postMessage and closes; the screen then refreshes to the new status without a reload.
 * A blocked popup offers the same authorization in the whole window, with a way back.
 */
export function EmbeddedOAuthPanel({ instanceId, connection }: { instanceId: string; connection: WizardConnection }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [fallbackUrl, setFallbackUrl] = useState<string | null>(null);
  const popupRef = useRef<Window | null>(null);
  // Whether the open popup is still watched for closing. The popup itself stays remembered until the
  // next CONNECT: the callback page posts its outcome and closes at once, and the close may be
  // noticed before the message arrives, which must still be taken.
  const watchingRef = useRef(false);
  const disconnect = useActionMutation(disconnectAction, {
    onSuccess: (r) => (r.revocation === "failed" ? notify.warning(r.message) : notify.success(r.message)),
  });
  const a = connection.authorization;
  const codeFlow = connection.connectionType.traits.authorizes;
  const blockedId = codeFlow && connection.connectBlocked ? `connect-blocked-${connection.key}` : undefined;

  useEffect(() => {
    function onMessage(event: MessageEvent) {
      // Only the callback page in the popup this panel opened, on Latchkey's own origin.
      if (
        event.origin !== window.location.origin ||
        !popupRef.current ||
        event.source !== popupRef.current ||
        !isOutcome(event.data)
      )
        return;
      if (event.data.instanceId !== instanceId || event.data.connection !== connection.key) return;
      popupRef.current = null;
      watchingRef.current = false;
      if (event.data.ok) notify.success(`${connection.label} is connected`);
      else
        notify.error(
          typeof event.data.message === "string"
            ? event.data.message.slice(0, 500)
            : `${connection.label} was not connected; its log says why`,
        );
      router.refresh();
    }
    window.addEventListener("message", onMessage);
    // A popup closed without a word (the provider cut the opener, or the person closed it): look again.
    const timer = window.setInterval(() => {
      if (watchingRef.current && popupRef.current?.closed) {
        watchingRef.current = false;
        router.refresh();
      }
    }, 700);
    return () => {
      window.removeEventListener("message", onMessage);
      window.clearInterval(timer);
    };
  }, [instanceId, connection.key, connection.label, router]);

  async function connect() {
    // Synchronously in the click: a popup opened after an await is blocked.
    const popup = window.open("about:blank", `latchkey-connect-${connection.key}`, "popup,width=560,height=720");
    setFallbackUrl(null);
    setPending(true);
    const result = await embeddedConnectAction({
      instanceId,
      connection: connection.key,
      returnTo: partnerPage(),
    }).catch(() => ({ ok: false as const, error: "Latchkey could not be reached. Try again." }));
    setPending(false);
    if (!result.ok) {
      popup?.close();
      notify.error(result.error);
      return;
    }
    if (!popup || popup.closed) {
      setFallbackUrl(result.data.url);
      return;
    }
    popupRef.current = popup;
    watchingRef.current = true;
    popup.location.replace(result.data.url);
    popup.focus();
  }

  return (
    <section
      aria-label={`Authorization of ${connection.label}`}
      className="space-y-3 rounded-md bg-slate-50 p-4 text-sm ring-1 ring-slate-200"
    >
      {a ? (
        <p className="text-slate-700">
          {codeFlow ? "Authorized" : "Token fetched"} <DateTime iso={a.authorizedAt} />
          {a.grantedScopes.length > 0 ? ` · scopes ${a.grantedScopes.join(" ")}` : ""}
        </p>
      ) : (
        <p className="text-slate-700">
          {codeFlow
            ? "Not authorized yet. CONNECT opens the provider's sign-in in a new window."
            : "No token yet: save the client settings and the token is fetched."}
        </p>
      )}
      {a?.needsReauthorization ? (
        <p className="font-medium text-red-700">
          The provider refused the refresh token: CONNECT again to re-authorize.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {codeFlow ? (
          <Button
            variant={a ? "secondary" : "primary"}
            pending={pending}
            disabled={!!blockedId}
            aria-describedby={blockedId}
            onClick={() => void connect()}
          >
            {a ? "CONNECT again" : "CONNECT"}
          </Button>
        ) : null}
        {a ? (
          <ConfirmDisconnectButton
            label={connection.label}
            provider={connection.connectionType.label}
            pending={disconnect.isPending}
            onConfirm={() => disconnect.mutate({ instanceId, key: connection.key })}
          />
        ) : null}
        {codeFlow && connection.connectBlocked ? (
          <ConnectBlockedNote id={`connect-blocked-${connection.key}`} reason={connection.connectBlocked} />
        ) : null}
      </div>
      {fallbackUrl ? (
        <div role="alert" className="rounded-md bg-amber-50 p-3 text-amber-900 ring-1 ring-amber-200">
          <p>Your browser blocked the sign-in window.</p>
          <p className="mt-1">
            <a href={fallbackUrl} target="_top" className="font-medium underline">
              Continue to the provider in this window
            </a>
            ; once you have authorized, a link brings you back here.
          </p>
        </div>
      ) : null}
    </section>
  );
}
