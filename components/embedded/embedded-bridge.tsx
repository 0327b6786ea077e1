"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from "react";
import { embeddedIgnoredMessageAction, embeddedSetValuesAction } from "@/app/embedded/actions";
import { PROTOCOL_VERSION, setValuesMessage, type OutgoingMessage } from "@/lib/embedding/messages";

type Status = "green" | "yellow" | "red";
type Bridge = {
  post: (message: OutgoingMessage) => void;
  announce: (instanceId: string, connection: string, status: Status, always?: boolean) => void;
};

const BridgeContext = createContext<Bridge | null>(null);

/** The parent's origin when the browser tells it and it is allowed; otherwise every allowed origin (the browser delivers to the one that matches). */
function targetOrigins(allowed: readonly string[]): readonly string[] {
  const ancestors = (window.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  const parent = ancestors && ancestors.length > 0 ? ancestors[0] : null;
  return parent && allowed.includes(parent) ? [parent] : allowed;
}

/**
 * The iframe's side of the postMessage protocol: says `latchkey:ready` to the parent, applies
 * `latchkey:set-values` from an allowed origin (exact match, and only from the parent window), and
 * posts `latchkey:connection-changed`. Messages go to exact origins, never to "*".
 */
export function EmbeddedBridge({ allowedOrigins: given, children }: { allowedOrigins: string[]; children: ReactNode }) {
  const router = useRouter();
  const known = useRef(new Map<string, Status>());
  const readySent = useRef(false);
  const reported = useRef(new Set<string>());
  // A refresh hands over a new array with the same origins: keep one, so the listener stays put.
  const originsKey = given.join(" ");
  const allowedOrigins = useMemo(() => originsKey.split(" ").filter(Boolean), [originsKey]);
  const post = useCallback(
    (message: OutgoingMessage) => {
      if (window.parent === window) return;
      for (const origin of targetOrigins(allowedOrigins)) window.parent.postMessage(message, origin);
    },
    [allowedOrigins],
  );
  const announce = useCallback(
    (instanceId: string, connection: string, status: Status, always = false) => {
      const key = `${instanceId}/${connection}`;
      const before = known.current.get(key);
      known.current.set(key, status);
      // The first sighting of a connection is its state, not a change.
      if (always || (before !== undefined && before !== status))
        post({ type: "latchkey:connection-changed", instanceId, connection, status });
    },
    [post],
  );

  useEffect(() => {
    async function onMessage(event: MessageEvent) {
      if (window.parent === window) return;
      const data: unknown = event.data;
      if (typeof data !== "object" || data === null || (data as { type?: unknown }).type !== "latchkey:set-values")
        return;
      if (!allowedOrigins.includes(event.origin) || event.source !== window.parent) {
        const why = allowedOrigins.includes(event.origin) ? "not the parent window" : "not an allowed frame origin";
        console.warn(`[latchkey] ignored a latchkey:set-values message from ${event.origin}: ${why}`);
        // Once per origin and page: the server's security log hears of it too.
        if (!reported.current.has(event.origin)) {
          reported.current.add(event.origin);
          void embeddedIgnoredMessageAction({
            origin: event.origin.slice(0, 300),
            reason: allowedOrigins.includes(event.origin) ? "not_parent" : "origin_not_allowed",
          }).catch(() => undefined);
        }
        return;
      }
      const requestId =
        typeof (data as { requestId?: unknown }).requestId === "string"
          ? String((data as { requestId: string }).requestId).slice(0, 100)
          : undefined;
      const reply = (message: OutgoingMessage) => (event.source as Window).postMessage(message, event.origin);
      const parsed = setValuesMessage.safeParse(data);
      if (!parsed.success)
        return reply({
          type: "latchkey:set-values-result",
          requestId,
          ok: false,
          error: parsed.error.issues[0]?.message ?? "Not a valid set-values message",
        });
      const { instanceId, connection, values } = parsed.data;
      const result = await embeddedSetValuesAction({ instanceId, connection, values }).catch(() => ({
        ok: false as const,
        error: "The iframe could not reach Latchkey",
      }));
      if (!result.ok)
        return reply({
          type: "latchkey:set-values-result",
          requestId,
          ok: false,
          error: result.error,
          fieldErrors: "fieldErrors" in result ? result.fieldErrors : undefined,
        });
      reply({ type: "latchkey:set-values-result", requestId, ok: true, ...result.data });
      announce(instanceId, connection, result.data.status, true);
      router.refresh();
    }
    const listener = (event: MessageEvent) => void onMessage(event);
    window.addEventListener("message", listener);
    // Ready once per load, after the listener is in place: the parent may answer at once.
    if (!readySent.current) post({ type: "latchkey:ready", version: PROTOCOL_VERSION, path: window.location.pathname });
    readySent.current = true;
    return () => window.removeEventListener("message", listener);
  }, [allowedOrigins, announce, post, router]);

  const bridge = useMemo(() => ({ post, announce }), [post, announce]);
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

/** Tells the parent when a connection shown on this page changes status (a save, a test, an authorization). */
export function ConnectionStatusReporter({
  instanceId,
  connections,
}: {
  instanceId: string;
  connections: { key: string; status: Status }[];
}) {
  const bridge = useContext(BridgeContext);
  useEffect(() => {
    for (const c of connections) bridge?.announce(instanceId, c.key, c.status);
  }, [bridge, instanceId, connections]);
  return null;
}
