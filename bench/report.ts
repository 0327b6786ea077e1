// Turns the JSON lines the benches append to BENCH_RESULT_FILE into the Markdown table `npm run
// bench` writes: one row per bench and database, the median ratio with its spread and the absolute
// medians of both sides.
//   tsx bench/report.ts RESULTS.jsonl > TABLE.md
import { readFileSync } from "node:fs";
import type { Summary } from "./lib/pairs";

type Side = Summary & { label: string; extra: Record<string, Summary> };
type Result = {
  bench: string;
  database: string;
  setting: string;
  pairs: number;
  unit: string;
  ratioName: string;
  target: { op: string; value: number };
  met: boolean;
  ratio: Summary;
  baseline: Side;
  subject: Side;
};

const file = process.argv[2];
if (!file) throw new Error("usage: tsx bench/report.ts RESULTS.jsonl");
const results = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Result);

const f = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const side = (s: Side, unit: string) =>
  `${s.label}: ${f(s.median)} ${unit} (${f(s.q1)}–${f(s.q3)})` +
  Object.entries(s.extra)
    .map(([k, v]) => `, ${k} ${f(v.median)}`)
    .join("");

console.log("| bench | database | target | median ratio | IQR | min–max | pairs | baseline | subject |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of results) {
  console.log(
    `| \`${r.bench}\` | ${r.database} | ${r.target.op} ${r.target.value} | **${r.ratio.median.toFixed(2)}**${r.met ? "" : " (not met)"} | ${r.ratio.q1.toFixed(2)}–${r.ratio.q3.toFixed(2)} | ${r.ratio.min.toFixed(2)}–${r.ratio.max.toFixed(2)} | ${r.pairs} | ${side(r.baseline, r.unit)} | ${side(r.subject, r.unit)} |`,
  );
}
