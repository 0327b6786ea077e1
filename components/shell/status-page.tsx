import Link from "next/link";
import { KeyRound } from "lucide-react";
import type { ReactNode } from "react";

/**
 * A not-found, not-allowed or error page in Latchkey's own look, always with a way back. `standalone`
 * draws the brand above it, for pages shown outside the app's shell.
 */
export function StatusPage({
  code,
  title,
  children,
  backHref = "/",
  backLabel = "Back to the dashboard",
  standalone = false,
  action,
}: {
  code: string;
  title: string;
  children: ReactNode;
  backHref?: string;
  backLabel?: string;
  standalone?: boolean;
  action?: ReactNode;
}) {
  const body = (
    <div className="mx-auto max-w-lg px-6 py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">{code}</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">{title}</h1>
      <div className="mt-3 text-sm text-slate-600">{children}</div>
      <div className="mt-6 flex flex-wrap items-center justify-center gap-4">
        {action}
        <Link href={backHref} className="text-sm font-medium text-brand-700 hover:underline">
          {backLabel}
        </Link>
      </div>
    </div>
  );
  if (!standalone) return body;
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4">
      <Link href="/" className="text-2xl font-bold tracking-tight text-slate-900">
        <KeyRound className="inline size-5 text-brand-600" aria-hidden /> Latchkey
      </Link>
      {body}
    </main>
  );
}
