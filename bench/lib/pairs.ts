// The measuring discipline every bench shares: baseline and subject alternate over several pairs of
// rounds (the order swaps from one pair to the next, so that a machine getting busier or quieter
// during the run weighs on both alike), each pair gives a ratio, and the bench reports the median
// ratio with its spread and the absolute figures of both sides. The last line printed is always
// the median ratio. With BENCH_RESULT_FILE set, one JSON line is appended there for the report
// that `npm run bench` writes.
import { appendFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

/** One round's figure (`value`, in `unit`), with optional extra figures such as a p99. */
export type Round = { value: number; extra?: Record<string, number> };

export type Side = { label: string; run: (pair: number) => Promise<Round> };

export type Comparison = {
  /** The bench's name as `npm run bench:NAME` knows it, with a variant when it has several. */
  bench: string;
  /** What the ratio is, e.g. "Latchkey/baseline". */
  ratioName: string;
  unit: string;
  pairs: number;
  /** Rounds of each side run before the pairs and not counted. */
  warmups?: number;
  target: { op: "≥" | "≤"; value: number };
  /** subject/baseline by default. */
  ratio?: (baseline: Round, subject: Round) => number;
  database: string;
  /** Other facts worth printing beside the figures (sizes, concurrency). */
  setting: string;
};

export type Summary = {
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
};

export function summarize(values: number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => {
    // Linear interpolation between the closest ranks.
    const i = (s.length - 1) * p;
    const lo = Math.floor(i);
    const hi = Math.ceil(i);
    return s[lo]! + (s[hi]! - s[lo]!) * (i - lo);
  };
  return { median: at(0.5), q1: at(0.25), q3: at(0.75), min: s[0]!, max: s[s.length - 1]! };
}

/** The median of a list of numbers (a round made of many timed operations). */
export function median(values: number[]): number {
  return summarize(values).median;
}

const fixed = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

export const spreadText = (s: Summary) =>
  `median ${fixed(s.median)}, IQR ${fixed(s.q1)}–${fixed(s.q3)}, min–max ${fixed(s.min)}–${fixed(s.max)}`;

/**
 * With BENCH_CPU_PROFILE=FILE, the subject's counted rounds (and nothing else: not the seeding, not
 * the baseline) are recorded as one V8 CPU profile, for Chrome's DevTools or speedscope.
 */
function profiled(side: Side): { side: Side; save: () => Promise<void> } {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return { side, save: async () => {} };
  const session = new Session();
  session.connect();
  let started = false;
  return {
    side: {
      label: side.label,
      run: async (pair) => {
        if (pair < 0) return side.run(pair);
        if (!started) {
          await session.post("Profiler.enable");
          await session.post("Profiler.start");
          started = true;
        }
        return side.run(pair);
      },
    },
    save: async () => {
      if (!started) return;
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      console.log(`  (CPU profile of the subject's rounds: ${file})`);
    },
  };
}

/** Runs the pairs, prints the figures and, as the last line, the median ratio; returns that ratio. */
export async function compare(c: Comparison, baseline: Side, measured: Side): Promise<number> {
  const { side: subject, save } = profiled(measured);
  const ratio = c.ratio ?? ((b: Round, s: Round) => s.value / b.value);
  for (let i = 0; i < (c.warmups ?? 1); i++) {
    await baseline.run(-1);
    await subject.run(-1);
  }
  const b: Round[] = [];
  const s: Round[] = [];
  const ratios: number[] = [];
  for (let pair = 0; pair < c.pairs; pair++) {
    let rb: Round;
    let rs: Round;
    if (pair % 2 === 0) {
      rb = await baseline.run(pair);
      rs = await subject.run(pair);
    } else {
      rs = await subject.run(pair);
      rb = await baseline.run(pair);
    }
    b.push(rb);
    s.push(rs);
    ratios.push(ratio(rb, rs));
    console.log(
      `  pair ${pair + 1}/${c.pairs}: ${baseline.label} ${fixed(rb.value)} ${c.unit}, ${subject.label} ${fixed(rs.value)} ${c.unit}, ratio ${ratios.at(-1)!.toFixed(3)}`,
    );
  }
  await save();
  const sb = summarize(b.map((r) => r.value));
  const ss = summarize(s.map((r) => r.value));
  const sr = summarize(ratios);
  const extras = (rounds: Round[]) =>
    Object.fromEntries(
      Object.keys(rounds[0]?.extra ?? {}).map((k) => [k, summarize(rounds.map((r) => r.extra?.[k] ?? NaN))]),
    );
  const eb = extras(b);
  const es = extras(s);
  const extraText = (e: Record<string, Summary>) =>
    Object.entries(e)
      .map(([k, v]) => `; ${k} ${spreadText(v)}`)
      .join("");
  const met = c.target.op === "≥" ? sr.median >= c.target.value : sr.median <= c.target.value;
  console.log(`database: ${c.database}; ${c.setting}; ${c.pairs} pairs`);
  console.log(`${baseline.label}: ${spreadText(sb)} ${c.unit}${extraText(eb)}`);
  console.log(`${subject.label}: ${spreadText(ss)} ${c.unit}${extraText(es)}`);
  console.log(
    `ratio spread: IQR ${sr.q1.toFixed(2)}–${sr.q3.toFixed(2)}, min–max ${sr.min.toFixed(2)}–${sr.max.toFixed(2)}`,
  );
  if (process.env.BENCH_RESULT_FILE) {
    appendFileSync(
      process.env.BENCH_RESULT_FILE,
      JSON.stringify({
        bench: c.bench,
        database: c.database,
        setting: c.setting,
        pairs: c.pairs,
        unit: c.unit,
        ratioName: c.ratioName,
        target: c.target,
        met,
        ratio: sr,
        baseline: { label: baseline.label, ...sb, extra: eb },
        subject: { label: subject.label, ...ss, extra: es },
      }) + "\n",
    );
  }
  console.log(
    `ratio ${c.ratioName}: ${sr.median.toFixed(2)} (median of ${c.pairs} pairs, IQR ${sr.q1.toFixed(2)}–${sr.q3.toFixed(2)}; target ${c.target.op} ${c.target.value}${met ? "" : ", not met"})`,
  );
  return sr.median;
}

/** `--quick` (CI's short mode) or full. */
export const quick = process.argv.includes("--quick");

/** The value of `--name=value` on the command line. */
export function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

/** How many pairs: `--pairs=N`, else 5 in full mode and 2 in the short mode. */
export function pairCount(): number {
  const n = Number(option("pairs") ?? (quick ? 2 : 5));
  if (!Number.isInteger(n) || n < 1) throw new Error("--pairs must be a positive whole number");
  return n;
}
