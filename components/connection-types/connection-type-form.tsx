"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createConnectionTypeAction } from "@/app/(app)/components/actions";
import type { HeaderRow } from "@/components/credentials/header-editor";
import { Button } from "@/components/ui/button";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import type { KindTraits } from "@/lib/connection-types/kinds/kind";
import { ConnectionTypeBasics } from "./connection-type-basics";
import {
  fieldInputs,
  fieldRow,
  readOAuthSettings,
  readTestAuth,
  wellKnownRows,
  type AuthType,
} from "./connection-type-input";
import { FieldRowsEditor, type FieldRow } from "./field-rows-editor";
import { OAuthSettingsSection } from "./oauth-settings-section";
import { readProxySettings, type BaseUrlRow, type ProxyAuthType } from "./proxy-input";
import { ProxySettingsSection } from "./proxy-settings-section";
import { TestRequestSection } from "./test-request-section";

/** Declares a custom connection type: its fields, OAuth settings, optional test request and proxy. `kinds`: as the server describes them. */
export function ConnectionTypeForm({ kinds }: { kinds: readonly KindTraits[] }) {
  const router = useRouter();
  const [kind, setKind] = useState<KindTraits>(kinds[0]!);
  const [fields, setFields] = useState<FieldRow[]>([
    fieldRow("api_key", "API key", { type: "password", secret: true }),
  ]);
  const [headers, setHeaders] = useState<HeaderRow[]>([]);
  const [authType, setAuthType] = useState<AuthType>("none");
  const [baseUrlRows, setBaseUrlRows] = useState<BaseUrlRow[]>([]);
  const [proxyAuthType, setProxyAuthType] = useState<ProxyAuthType>("default");
  const create = useActionMutation(createConnectionTypeAction, {
    success: (d) => `Added ${d.label}`,
    onSuccess: (d) => router.push(`/components/${d.key}`),
  });
  const e = create.fieldErrors;

  function changeKind(next: KindTraits) {
    setKind(next);
    if (next.wellKnownFields.length > 0) setFields(wellKnownRows(next));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const get = (name: string) => String(form.get(name) ?? "").trim();
    const testUrl = get("testUrl");
    create.mutate({
      key: get("key"),
      label: get("label"),
      description: get("description"),
      kind: kind.kind,
      docsUrl: get("docsUrl") || undefined,
      fields: fieldInputs(fields),
      oauth: kind.holdsTokens ? readOAuthSettings(form, get, headers) : undefined,
      test: testUrl
        ? { url: testUrl, method: get("testMethod") as "GET" | "POST" | "HEAD", auth: readTestAuth(authType, get) }
        : undefined,
      proxy: readProxySettings(get, baseUrlRows, proxyAuthType),
    });
  }

  return (
    <form onSubmit={onSubmit} className="max-w-3xl space-y-8" noValidate>
      <ConnectionTypeBasics kinds={kinds} kind={kind} onKindChange={changeKind} errors={e} />
      <section className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <FieldRowsEditor rows={fields} onChange={setFields} errors={e} />
      </section>
      {kind.holdsTokens ? <OAuthSettingsSection headers={headers} onHeadersChange={setHeaders} errors={e} /> : null}
      <TestRequestSection
        authType={authType}
        onAuthTypeChange={setAuthType}
        fieldKeys={fields.map((f) => f.key).filter(Boolean)}
        holdsTokens={kind.holdsTokens}
        errors={e}
      />
      <ProxySettingsSection
        rows={baseUrlRows}
        onRowsChange={setBaseUrlRows}
        authType={proxyAuthType}
        onAuthTypeChange={setProxyAuthType}
        fieldKeys={fields.map((f) => f.key).filter(Boolean)}
        holdsTokens={kind.holdsTokens}
        errors={e}
      />
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={() => router.push("/components")}>
          Cancel
        </Button>
        <Button type="submit" pending={create.isPending}>
          Save connection type
        </Button>
      </div>
    </form>
  );
}
