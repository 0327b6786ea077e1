import type { ReactNode } from "react";

// The settings screens' table layout (a white card, a grey header row, padded cells), written once
// so that the tables of those screens look alike and change together. Cells are functions, so it
// renders inside client components.

/** One column: its header (for screen readers only when `hideHeader`), its cell, and the cell's extra classes. */
export type DataTableColumn<T> = {
  header: string;
  hideHeader?: boolean;
  className?: string;
  cell: (row: T) => ReactNode;
};

/** A labelled table of `rows`, one cell per column; `rowData` adds data attributes to a row. */
export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  rowData,
}: {
  label: string;
  columns: DataTableColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowData?: (row: T) => Record<`data-${string}`, string>;
}) {
  return (
    <div className="relative overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label}>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className="px-4 py-3">
                {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowData?.(row)}>
              {columns.map((c) => (
                <td key={c.header} className={c.className ? `px-4 py-3 ${c.className}` : "px-4 py-3"}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
