// Throughput and latency of a benchmark run.

export interface RunStats {
  updates: number
  seconds: number
  updatesPerSecond: number
  p50Ms: number
  p99Ms: number
  /** CPU time of this process (user + system) per update: what the bot costs, whatever else the machine runs. */
  cpuMsPerUpdate?: number
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

/** Summarises per-update latencies (ms) measured over a wall-clock time (ms). */
export function runStats(latenciesMs: number[], wallMs: number, cpuMs?: number): RunStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b)
  return {
    updates: sorted.length,
    seconds: wallMs / 1000,
    updatesPerSecond: sorted.length / (wallMs / 1000),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    ...(cpuMs !== undefined && sorted.length > 0 ? { cpuMsPerUpdate: cpuMs / sorted.length } : {}),
  }
}

/** Runs `work(i)` for i in [0, count) with every one in flight at once; returns per-call latencies, wall time and this process's CPU time. */
export async function measureConcurrent(
  count: number,
  work: (index: number, record: (ms: number) => void) => Promise<void>,
): Promise<{ latencies: number[]; wallMs: number; cpuMs: number }> {
  const latencies: number[] = []
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  await Promise.all(Array.from({ length: count }, (_, index) => work(index, (ms) => latencies.push(ms))))
  const cpu = process.cpuUsage(cpuBefore)
  return { latencies, wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 }
}
