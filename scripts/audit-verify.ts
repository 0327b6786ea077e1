// npm run audit:verify [-- --organization <id>]
// Checks every organization's audit chain from its oldest kept row and names the first broken row.
// Exits 0 when every chain holds, 1 when one is broken. With the embedded database, stop the server
// first (PGlite allows one process).
import { closeDb, getDb } from "@/db/client";
import { verifyAuditChains } from "@/lib/audit/verify";

async function main(): Promise<number> {
  const at = process.argv.indexOf("--organization");
  const organizationId = at >= 0 ? process.argv[at + 1] : undefined;
  const db = await getDb();
  const report = await verifyAuditChains(db, organizationId);
  await closeDb();
  if (report.broken) {
    const b = report.broken;
    process.stdout.write(
      `audit chain BROKEN in organization ${b.organizationId} at row ${b.seq}${b.id ? ` (id ${b.id})` : ""}: ${b.reason}\n`,
    );
    return 1;
  }
  process.stdout.write(`audit chains verified: ${report.organizations} organization(s), ${report.rows} row(s)\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
