import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { getDb } from "@/db/client";
import { ConnectForm } from "@/components/connections/connect-form";
import { DateTime } from "@/components/ui/date-time";
import { describeLink } from "@/lib/authorization-links/describe";
import { openAuthorizationLink, type LinkProblem } from "@/lib/authorization-links/service";

// same-origin: the token in this URL never reaches another site, and the CONNECT form still carries
// an Origin (under no-referrer a browser sends "Origin: null" even to its own site).
export const metadata: Metadata = { title: "Authorize a connection", referrer: "same-origin" };

const problems: Record<LinkProblem, { title: string; body: string }> = {
  invalid: {
    title: "This link is not valid",
    body: "It may have been copied incompletely. Ask whoever sent it for a new one.",
  },
  expired: {
    title: "This link has expired",
    body: "Authorization links work for 24 hours. Ask whoever sent it for a new one.",
  },
  used: {
    title: "This link has been used",
    body: "The authorization it was for is complete. Nothing more to do here.",
  },
  revoked: {
    title: "This link was withdrawn",
    body: "Whoever sent it has revoked it. Ask them for a new one if you still need to connect.",
  },
};

// GET /authorize/{token} - an e-mailed link: who asks, for what, and CONNECT; no account needed
export default async function AuthorizeLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const opened = await openAuthorizationLink(db, token);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-2xl font-bold tracking-tight text-slate-900">
          <KeyRound className="inline size-5 text-brand-600" aria-hidden /> Latchkey
        </p>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {opened.ok ? (
            <Request token={token} request={await describeLink(db, opened.link)} />
          ) : (
            <Problem problem={opened.problem} />
          )}
        </div>
      </div>
    </main>
  );
}

function Problem({ problem }: { problem: LinkProblem }) {
  return (
    <div role="alert">
      <h1 className="text-lg font-semibold text-slate-900">{problems[problem].title}</h1>
      <p className="mt-2 text-sm text-slate-600">{problems[problem].body}</p>
    </div>
  );
}

function Request({ token, request }: { token: string; request: Awaited<ReturnType<typeof describeLink>> }) {
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold text-slate-900">
        {request.organizationName} asks you to connect {request.what}
      </h1>
      <p className="text-sm text-slate-600">
        CONNECT takes you to {request.provider}, where you sign in and consent. Your password stays with{" "}
        {request.provider}; {request.organizationName} receives only an access token.
      </p>
      <dl className="grid grid-cols-[7rem_1fr] gap-y-2 text-sm">
        <dt className="text-slate-500">Requested by</dt>
        <dd className="text-slate-900">{request.organizationName}</dd>
        <dt className="text-slate-500">Access to</dt>
        <dd className="text-slate-900">{request.what}</dd>
        <dt className="text-slate-500">Scopes</dt>
        <dd className="font-mono text-xs text-slate-900">{request.scopes ?? "the service's default"}</dd>
        <dt className="text-slate-500">Link expires</dt>
        <dd className="text-slate-900">
          <DateTime iso={request.expiresAt} />
        </dd>
      </dl>
      <ConnectForm target={{ link: token }} label="CONNECT" className="w-full" />
    </div>
  );
}
