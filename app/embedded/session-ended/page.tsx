export const metadata = { title: "Session ended" };

// GET /embedded/session-ended - where embedded screens send a request without a valid embedded session
export default function EmbeddedSessionEndedPage() {
  return (
    <div role="alert" className="rounded-lg bg-white p-6 ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold text-slate-900">Your session has ended</h1>
      <p className="mt-2 text-sm text-slate-600">Reload the page to sign in again.</p>
    </div>
  );
}
