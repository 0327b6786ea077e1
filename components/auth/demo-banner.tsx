import type { DemoSignInHint } from "@/lib/demo";

/** Says plainly that this server is the demo, and how to sign in to it. */
export function DemoBanner({ hint }: { hint: DemoSignInHint }) {
  return (
    <section
      aria-label="Demo mode"
      data-testid="demo-banner"
      className="mb-6 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-300"
    >
      <p className="font-semibold">Demo mode: not for real credentials</p>
      <p className="mt-1">
        Sign in as <strong>{hint.email}</strong>
        {hint.password ? (
          <>
            {" "}
            with password <strong>{hint.password}</strong>
          </>
        ) : (
          " with the password set in LATCHKEY_ADMIN_PASSWORD"
        )}
        . The sandbox OAuth provider, demo data and generated secrets are on; <code>npm start</code> runs the production
        server.
      </p>
    </section>
  );
}
