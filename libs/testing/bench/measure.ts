/** Small helpers the benches share: timed load with fixed concurrency, percentiles, memory. */
import { readFileSync } from 'fs';

export interface LoadResult {
  label: string;
  count: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];
}

/** Run `call` from `concurrency` loops for `durationMs`, after a short warm-up. */
export async function load(label: string, call: (i: number) => Promise<unknown>, durationMs = 4000, concurrency = 32): Promise<LoadResult> {
  const warmUntil = Date.now() + 500;
  let i = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < warmUntil) await call(i++);
  }));
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const until = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const t = process.hrtime.bigint();
        await call(i++);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return { label, count: latencies.length, seconds, perSecond: latencies.length / seconds, p50ms: percentile(latencies, 50), p99ms: percentile(latencies, 99) };
}

export function formatLoad(r: LoadResult): string {
  return `${r.label.padEnd(44)} ${r.perSecond.toFixed(0).padStart(8)} /s   p50 ${r.p50ms.toFixed(2).padStart(6)} ms   p99 ${r.p99ms.toFixed(2).padStart(6)} ms   (${r.count} in ${r.seconds.toFixed(1)} s)`;
}

/** Peak and current resident memory of a process, from /proc (Linux). */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
    return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}

// A figure for docs/benchmarks.md: one implementation, in the lib, so apps' benches report too.
export { report } from '../src/bench-report';
