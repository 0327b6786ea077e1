import { CopyButton } from "@/components/ui/copy-button";

type Props = {
  latchkeyUrl: string;
  organizationId: string;
  organizationSlug: string;
  keyId: string | null;
  algorithm: string;
  frameOriginsSet: boolean;
};

/** The code a partner starts from: sign the JWT on its server, frame the sign-in URL, listen to the iframe. Nothing secret in it. */
export function serverSnippet({ latchkeyUrl, organizationSlug, keyId, algorithm }: Props): string {
  return `// On your server (Node, jose): one short-lived token per page view.
import { randomUUID } from "node:crypto";
import { importPKCS8, SignJWT } from "jose";

const privateKey = await importPKCS8(process.env.LATCHKEY_EMBED_PRIVATE_KEY, "${algorithm}");

export async function latchkeyFrameUrl(user, account) {
  const token = await new SignJWT({
    customer: account.id,          // your customer's id: Latchkey's customer external id
    customer_name: account.name,
    name: user.name,
    email: user.email,
    role: user.role,
  })
    .setProtectedHeader({ alg: "${algorithm}"${keyId ? `, kid: "${keyId}"` : ""} })
    .setSubject(user.id)           // your user's id
    .setAudience("${organizationSlug}")
    .setIssuedAt()
    .setExpirationTime("5m")       // at most an hour
    .setJti(randomUUID())          // a token works once
    .sign(privateKey);
  return "${latchkeyUrl}/embedded/sign-in?token=" + encodeURIComponent(token);
}`;
}

/** The browser half of the snippet: the iframe and the postMessage API. */
export function pageSnippet({ latchkeyUrl }: Props): string {
  return `<iframe id="latchkey" src="<%= latchkeyFrameUrl(user, account) %>"
        title="Integrations" style="width:100%;height:720px;border:0"></iframe>
<script>
  const LATCHKEY = "${latchkeyUrl}";
  const frame = document.getElementById("latchkey");
  window.addEventListener("message", (event) => {
    if (event.origin !== LATCHKEY || event.source !== frame.contentWindow) return;
    const m = event.data;
    if (m.type === "latchkey:ready") console.log("Latchkey is ready on", m.path);
    if (m.type === "latchkey:connection-changed") console.log(m.instanceId, m.connection, "is now", m.status);
    if (m.type === "latchkey:set-values-result") console.log("set-values", m.ok ? "saved" : m.error);
  });
  // Set fields with visibility "embedded" (never shown to your customer) on an instance's connection:
  function setValues(instanceId, connection, values) {
    frame.contentWindow.postMessage({ type: "latchkey:set-values", instanceId, connection, values, requestId: crypto.randomUUID() }, LATCHKEY);
  }
</script>`;
}

/** Settings → Embedding: what to hand the partner's developers. */
export function PartnerSnippet(props: Props) {
  const server = serverSnippet(props);
  const page = pageSnippet(props);
  return (
    <section aria-labelledby="snippet-heading" className="space-y-4">
      <div>
        <h2 id="snippet-heading" className="text-base font-semibold">
          Snippet for partners
        </h2>
        <p className="text-sm text-slate-600">
          The token&apos;s <code className="font-mono">aud</code> is this organization&apos;s slug{" "}
          <code className="font-mono">{props.organizationSlug}</code> or id{" "}
          <code className="font-mono">{props.organizationId}</code>.
          {props.keyId ? " The kid is that of the newest key." : " Add a signing key first; its kid then appears here."}
          {props.frameOriginsSet
            ? ""
            : " Add the partner's origin to the allowed frame origins, or browsers refuse to show the iframe."}
        </p>
      </div>
      <figure className="space-y-2">
        <figcaption className="flex items-center justify-between text-sm font-medium text-slate-800">
          Server: sign the token
          <CopyButton value={server} label="Copy server code" />
        </figcaption>
        <pre
          className="relative overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs text-slate-100"
          aria-label="Server code"
          tabIndex={0}
        >
          <code>{server}</code>
        </pre>
      </figure>
      <figure className="space-y-2">
        <figcaption className="flex items-center justify-between text-sm font-medium text-slate-800">
          Page: frame Latchkey and talk to it
          <CopyButton value={page} label="Copy page code" />
        </figcaption>
        <pre
          className="relative overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs text-slate-100"
          aria-label="Page code"
          tabIndex={0}
        >
          <code>{page}</code>
        </pre>
      </figure>
    </section>
  );
}
