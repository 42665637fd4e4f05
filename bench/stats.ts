// Timing helpers shared by the benchmarks: warm up, then report percentiles in ms.
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function timeRuns(fn: () => void, runs: number, warmup = 5): { p50: number; p95: number; runs: number } {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), runs };
}

export const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
