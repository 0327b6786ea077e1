import Link from "next/link";
import type { ConnectionType } from "@/lib/connection-types/definition";

export const kindLabels: Record<ConnectionType["kind"], string> = {
  fields: "Fields",
  oauth2: "OAuth 2.0 authorization code",
  oauth2_client_credentials: "OAuth 2.0 client credentials",
  mcp: "MCP server (OAuth 2.1)",
};

/** Connection types in a table, each linking to its page. */
export function ConnectionTypeTable({ types }: { types: ConnectionType[] }) {
  return (
    <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5">
              Connection type
            </th>
            <th scope="col" className="px-4 py-2.5">
              Key
            </th>
            <th scope="col" className="px-4 py-2.5">
              Authorization
            </th>
            <th scope="col" className="px-4 py-2.5">
              Fields
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {types.map((t) => (
            <tr key={t.key} className="hover:bg-slate-50">
              <td className="px-4 py-2.5">
                <Link href={`/components/${t.key}`} className="font-medium text-brand-700 hover:underline">
                  {t.label}
                </Link>
                <p className="max-w-md truncate text-xs text-slate-500">{t.description}</p>
              </td>
              <td className="px-4 py-2.5 font-mono text-xs text-slate-600">{t.key}</td>
              <td className="px-4 py-2.5 text-slate-700">{kindLabels[t.kind]}</td>
              <td className="px-4 py-2.5 text-slate-600">{t.fields.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
