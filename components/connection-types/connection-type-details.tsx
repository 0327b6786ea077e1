import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { ConnectionType, OAuthSettings, ProxyAuth } from "@/lib/connection-types/definition";
import { traitsOf } from "@/lib/connection-types/view";
import { proxyTargetsOf } from "@/lib/proxy/describe";
import { ProxyUrl } from "./proxy-section";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-1.5 text-sm sm:grid-cols-[14rem_minmax(0,1fr)] sm:gap-4">
      <dt className="text-slate-500">{term}</dt>
      <dd className="min-w-0 break-words text-slate-800 [&_code]:break-all">{children}</dd>
    </div>
  );
}

function describeAuth(auth: ProxyAuth | undefined, holdsTokens = false): string {
  switch (auth?.type) {
    case undefined:
      return holdsTokens ? "Authorization: Bearer {access token}" : "No credential applied";
    case "none":
      return "No credential applied";
    case "basic":
      return `HTTP basic with ${auth.usernameField} and ${auth.passwordField}`;
    case "header":
      return `Header ${auth.nameField ? `named by ${auth.nameField} (default ${auth.name})` : auth.name} = ${auth.prefix ?? ""}{${auth.valueField ?? "access token"}}`;
    case "query":
      return `Query parameter ${auth.nameField ? `named by ${auth.nameField} (default ${auth.name})` : auth.name} = {${auth.valueField}}`;
    case "bearer":
      return `Authorization: Bearer {${auth.tokenField ?? "access token"}}`;
    case "aws_sigv4":
      return `AWS Signature Version 4 (${auth.service}) with ${auth.accessKeyField} and ${auth.secretKeyField}, region from ${auth.regionField}`;
    case "tableau_pat":
      return `X-Tableau-Auth: {session token}, signed in (REST API ${auth.version}) with ${auth.tokenNameField} and ${auth.tokenField}`;
  }
}

const pairs = (p: Record<string, string>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");

/** The provider quirks a type declares; a quirk left at its default is not shown. */
function QuirkRows({ oauth }: { oauth: OAuthSettings }) {
  const offline = oauth.offlineAccess;
  return (
    <>
      <Row term="Token request format">{oauth.tokenRequestFormat === "json" ? "JSON" : "Form"}</Row>
      <Row term="Refresh token policy">{oauth.refreshTokenPolicy}</Row>
      {Object.keys(oauth.tokenParams).length > 0 ? (
        <Row term="Extra token request parameters">{pairs(oauth.tokenParams)}</Row>
      ) : null}
      {Object.keys(oauth.refreshParams).length > 0 ? (
        <Row term="Extra refresh request parameters">{pairs(oauth.refreshParams)}</Row>
      ) : null}
      {oauth.refreshTokenPath ? <Row term="Refresh token at">{oauth.refreshTokenPath}</Row> : null}
      {oauth.expiresInPath ? <Row term="Lifetime (seconds) at">{oauth.expiresInPath}</Row> : null}
      {oauth.expiresAtPath ? <Row term="Expiry at">{oauth.expiresAtPath}</Row> : null}
      {oauth.errorPath ? <Row term="Error at">{oauth.errorPath}</Row> : null}
      {oauth.issuer ? <Row term="Issuer">{oauth.issuer}</Row> : null}
      {oauth.postConnect ? (
        <Row term="After CONNECT">
          {oauth.postConnect.method} <code>{oauth.postConnect.url}</code>, keeping {pairs(oauth.postConnect.keep)}
        </Row>
      ) : null}
      {offline ? (
        <Row term="Offline access">
          {[offline.scope ? `scope ${offline.scope}` : "", pairs(offline.params)].filter(Boolean).join(", ")}
        </Row>
      ) : null}
    </>
  );
}

/** Everything a connection type declares; secret defaults are never part of a type. */
export function ConnectionTypeDetails({
  type,
  callbackUrl,
  latchkeyUrl,
}: {
  type: ConnectionType;
  callbackUrl: string;
  latchkeyUrl: string;
}) {
  const traits = traitsOf(type);
  return (
    <div className="space-y-6">
      {type.description ? <p className="max-w-prose text-sm text-slate-700">{type.description}</p> : null}
      {traits.authorizes ? (
        <Section title="Callback URL">
          <p className="mb-3 text-sm text-slate-600">
            Register this redirect URI with the provider&apos;s app settings.
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <code className="rounded bg-slate-100 px-2 py-1.5 font-mono text-sm" data-testid="callback-url">
              {callbackUrl}
            </code>
            <CopyButton value={callbackUrl} />
          </div>
        </Section>
      ) : null}
      <Section title="Fields">
        <div className="relative overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-4">
                  Label
                </th>
                <th scope="col" className="py-2 pr-4">
                  Key
                </th>
                <th scope="col" className="py-2 pr-4">
                  Type
                </th>
                <th scope="col" className="py-2 pr-4">
                  Required
                </th>
                <th scope="col" className="py-2 pr-4">
                  Secret
                </th>
                <th scope="col" className="py-2">
                  Default
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {type.fields.map((f) => (
                <tr key={f.key}>
                  <td className="py-2 pr-4 font-medium text-slate-800">
                    {f.label}
                    {f.help ? <p className="text-xs font-normal text-slate-500">{f.help}</p> : null}
                    {f.pattern ? (
                      <p className="text-xs font-normal text-slate-500">
                        Must match <code className="font-mono">{f.pattern}</code>
                        {f.patternMessage ? ` (${f.patternMessage})` : null}
                      </p>
                    ) : null}
                  </td>
                  <td className="py-2 pr-4 font-mono text-xs">{f.key}</td>
                  <td className="py-2 pr-4">{f.type}</td>
                  <td className="py-2 pr-4">{f.required ? "Yes" : "No"}</td>
                  <td className="py-2 pr-4">{f.secret ? "Yes" : "No"}</td>
                  <td className="max-w-xs truncate py-2 font-mono text-xs">{f.default ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      {type.oauth ? (
        <Section title="OAuth settings">
          <dl>
            <Row term="PKCE (S256)">{type.oauth.pkce ? "On" : "Off"}</Row>
            <Row term="Token request authentication">{type.oauth.tokenAuthMethod}</Row>
            <Row term="Scope separator">
              {type.oauth.scopeSeparator === " " ? "a space" : `"${type.oauth.scopeSeparator}"`}
            </Row>
            <Row term="Extra authorization parameters">
              {Object.keys(type.oauth.authorizeParams).length > 0
                ? Object.entries(type.oauth.authorizeParams)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(", ")
                : "None"}
            </Row>
            <Row term="Custom headers">
              {type.oauth.headers.length > 0 ? type.oauth.headers.map((h) => `${h.name} (${h.on})`).join(", ") : "None"}
            </Row>
            {type.oauth.accessTokenPath ? <Row term="Access token at">{type.oauth.accessTokenPath}</Row> : null}
            <Row term="Token response fields kept">{type.oauth.keepTokenFields.join(", ") || "None"}</Row>
            <Row term="Callback parameters kept">{type.oauth.keepCallbackParams.join(", ") || "None"}</Row>
            <QuirkRows oauth={type.oauth} />
          </dl>
        </Section>
      ) : null}
      <Section title="Test request">
        {type.test ? (
          <dl>
            <Row term="Request">
              <code className="font-mono text-xs">
                {type.test.method} {type.test.url}
              </code>
            </Row>
            <Row term="Credential applied as">{describeAuth(type.test.auth)}</Row>
          </dl>
        ) : (
          <p className="text-sm text-slate-600">None: connections of this type cannot be tested from Latchkey.</p>
        )}
      </Section>
      {type.setup?.length ? (
        <Section title="Register your app with the provider">
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
            {type.setup.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        </Section>
      ) : null}
      <Section title="Proxy">
        {type.proxy ? (
          <dl>
            <Row term="Integration code calls">
              <ProxyUrl
                url={`${latchkeyUrl}/api/v1/instances/{instance id}/connections/{config variable key}/proxy/`}
                targets={proxyTargetsOf(type)}
              />
            </Row>
            <Row term="Credential applied as">{describeAuth(type.proxy.auth, traits.holdsTokens)}</Row>
            <Row term="Refreshed and retried once on">{type.proxy.refreshOn.join(", ") || "Never"}</Row>
          </dl>
        ) : (
          <p className="text-sm text-slate-600">None: integration code reads this type&apos;s values instead.</p>
        )}
      </Section>
      {type.docsUrl ? (
        <p className="text-sm">
          <a href={type.docsUrl} className="text-brand-700 hover:underline" target="_blank" rel="noreferrer noopener">
            Provider documentation ↗
          </a>
        </p>
      ) : null}
    </div>
  );
}
