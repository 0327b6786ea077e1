import { z } from "zod";

// Keyset pagination over (created_at desc, id desc): stable under inserts, and each page costs the same.
export type Cursor = { createdAt: Date; id: string };

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || Number.isNaN(createdAt.getTime()) || !z.uuid().safeParse(id).success) return undefined;
  return { createdAt, id };
}

export const paginationQuery = {
  limit: z.coerce.number().int().min(1, "limit is at least 1").max(200, "limit is at most 200").default(50),
  cursor: z
    .string()
    .max(200)
    .optional()
    .refine((c) => c === undefined || decodeCursor(c) !== undefined, "cursor is not one this API returned"),
};

/** A page of rows, with the cursor of the next page when there is one (fetch limit + 1 rows). */
export function page<T extends { createdAt: Date; id: string }>(
  rows: T[],
  limit: number,
): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
