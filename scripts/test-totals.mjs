#!/usr/bin/env node
// Sums up a run of scripts/test-all.sh: one line per step, then, as the very last line,
// "N passed, N failed". Exits 1 when anything failed.
//
// Reads the steps file (default .test-output/steps.tsv) written by test-all.sh, one step a line:
//   name <TAB> kind <TAB> report <TAB> exit status <TAB> seconds [<TAB> note]
// kind "check" (typecheck, lint, build) counts as one test: 1 passed or 1 failed.
// kind "vitest" and "playwright" are counted from their JSON report; a missing or unreadable
// report (the suite crashed, or never ran) counts as 1 failed, and so does a non-zero exit status
// that no failed test explains (a test file that could not load, an unhandled error, a web server
// that did not start).
import { existsSync, readFileSync } from "node:fs";

const stepsFile = process.argv[2] ?? ".test-output/steps.tsv";

function readJson(file) {
  if (!file || !existsSync(file)) return { error: "no report (the suite crashed or did not run)" };
  try {
    return { json: JSON.parse(readFileSync(file, "utf8")) };
  } catch (error) {
    return { error: `unreadable report ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function countVitest(json) {
  const passed = Number(json.numPassedTests ?? 0);
  let failed = Number(json.numFailedTests ?? 0);
  const skipped = Number(json.numPendingTests ?? 0) + Number(json.numTodoTests ?? 0);
  const notes = [];
  // A test file that fails as a whole (an import error, a failing beforeAll) has no failed test.
  const brokenFiles = (json.testResults ?? []).filter(
    (file) => file.status === "failed" && !(file.assertionResults ?? []).some((a) => a.status === "failed"),
  );
  if (brokenFiles.length > 0) {
    failed += brokenFiles.length;
    notes.push(`${brokenFiles.length} file(s) failed to run`);
  }
  if (json.success === false && failed === 0) {
    failed += 1;
    notes.push(Number(json.numTotalTests ?? 0) === 0 ? "no test files found" : "the run reported failure");
  }
  return { passed, failed, skipped, notes };
}

function countPlaywright(json) {
  const stats = json.stats ?? {};
  const flaky = Number(stats.flaky ?? 0);
  const passed = Number(stats.expected ?? 0) + flaky;
  let failed = Number(stats.unexpected ?? 0);
  const skipped = Number(stats.skipped ?? 0);
  const notes = [];
  if (flaky > 0) notes.push(`${flaky} flaky`);
  const errors = json.errors ?? [];
  if (errors.length > 0 && failed === 0) {
    failed += 1;
    const first = String(errors[0]?.message ?? "").split("\n")[0];
    notes.push(`error outside tests: ${first.slice(0, 160)}`);
  }
  return { passed, failed, skipped, notes };
}

const rows = existsSync(stepsFile)
  ? readFileSync(stepsFile, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => {
        const [name, kind, report, rc, seconds, note] = line.split("\t");
        return { name, kind, report, rc: Number(rc), seconds: Number(seconds), note: note ?? "" };
      })
  : [];

let totalPassed = 0;
let totalFailed = 0;
const width = Math.max(12, ...rows.map((r) => r.name.length));

if (rows.length === 0) {
  console.log(`no steps recorded in ${stepsFile}`);
  totalFailed += 1;
}

for (const row of rows) {
  let result;
  if (row.kind === "check") {
    result =
      row.rc === 0 ? { passed: 1, failed: 0, skipped: 0, notes: [] } : { passed: 0, failed: 1, skipped: 0, notes: [] };
  } else {
    const { json, error } = readJson(row.report);
    if (!json) {
      result = { passed: 0, failed: 1, skipped: 0, notes: [row.note || error] };
    } else {
      result = row.kind === "playwright" ? countPlaywright(json) : countVitest(json);
    }
  }
  if (row.rc !== 0 && result.failed === 0) {
    result.failed = 1;
    result.notes.push(`exit status ${row.rc}`);
  }
  if (row.note && !result.notes.includes(row.note)) result.notes.push(row.note);

  totalPassed += result.passed;
  totalFailed += result.failed;
  const status = result.failed > 0 ? "FAIL" : "ok  ";
  const counts =
    row.kind === "check"
      ? result.failed > 0
        ? "failed"
        : "passed"
      : `${result.passed} passed, ${result.failed} failed` + (result.skipped > 0 ? `, ${result.skipped} skipped` : "");
  const time = `${Number.isFinite(row.seconds) ? row.seconds.toFixed(1) : "?"}s`;
  const notes = result.notes.length > 0 ? `  (${result.notes.join("; ")})` : "";
  console.log(`${status} ${row.name.padEnd(width)} ${counts.padEnd(36)} ${time.padStart(7)}${notes}`);
}

console.log(`${totalPassed} passed, ${totalFailed} failed`);
process.exitCode = totalFailed > 0 ? 1 : 0;
