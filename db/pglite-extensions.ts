// The extensions the migrations create, loaded into a PGlite (PostgreSQL has them as contrib):
// pg_trgm for label search, btree_gin so that one GIN index holds a label's trigrams under its
// organization. Every PGlite the project opens (the app, a test's fresh database, a bench) loads these.
export async function pgliteExtensions() {
  const [{ pg_trgm }, { btree_gin }] = await Promise.all([
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("@electric-sql/pglite/contrib/btree_gin"),
  ]);
  return { pg_trgm, btree_gin };
}
