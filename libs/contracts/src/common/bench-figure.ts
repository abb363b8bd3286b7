/**
 * One figure a bench measured, as `npm run bench` (tools/bench/run.mjs) collects it into
 * docs/benchmarks.md: the line between the benches and the runner. In contracts because every lib's
 * bench may use it (the test kit's `report()` prints it; contracts' and istandaarden's benches, which
 * cannot depend on the kit, print it themselves).
 */
export interface BenchFigure {
  /** Stable key, e.g. `access.decisions.cpu-ms` (the baseline is matched on it). */
  id: string;
  /** What was measured, in words. */
  label: string;
  value: number;
  unit: string;
  /** The target in words, e.g. `≤ 3.5 ms` or `≥ 85 % of direct`. */
  target?: string;
  met?: boolean;
  /** A floor measured in the same run, and this figure as a ratio to it. */
  floor?: { label: string; value: number; ratio: number };
}

export const BENCH_FIGURE_PREFIX = 'BENCH-FIGURE ';

/** The line a bench prints for a figure (one line of JSON after the prefix). */
export function benchFigureLine(figure: BenchFigure): string {
  return BENCH_FIGURE_PREFIX + JSON.stringify(figure);
}
