import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { DemoBanner } from "@/components/auth/demo-banner";
import { SignInForm } from "@/components/auth/sign-in-form";
import { demoSignInHint } from "@/lib/demo";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

// GET /sign-in - the only page without a session
export default async function SignInPage() {
  if (await getCurrentUser()) redirect("/");
  const demo = demoSignInHint();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        {demo ? <DemoBanner hint={demo} /> : null}
        <div className="mb-8 text-center">
          <p className="text-2xl font-bold tracking-tight text-slate-900">
            <KeyRound className="inline size-5 text-brand-600" aria-hidden /> Latchkey
          </p>
          <h1 className="mt-2 text-sm text-slate-600">Sign in to manage connections and credentials</h1>
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <Suspense>
            <SignInForm />
          </Suspense>
        </div>
      </div>
    </main>
  );
}
