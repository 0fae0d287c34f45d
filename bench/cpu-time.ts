/**
 * CPU time the bench reads from Linux's /proc, beside process.cpuUsage(): the calling thread's own
 * time, and how busy the whole machine was. Elsewhere both are `undefined` and the tables show "–".
 */
import { readFileSync } from 'node:fs';

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Time the calling thread has run on a CPU so far, in µs (`/proc/thread-self/schedstat`, nanoseconds). */
export function threadCpuMicros(): number | undefined {
  const stat = readProc('/proc/thread-self/schedstat');
  return stat === undefined ? undefined : Number(stat.split(' ')[0]) / 1000;
}

/** The machine's CPU time so far, in clock ticks summed over its cores: busy and in all. */
export interface MachineTicks {
  busy: number;
  total: number;
}

export function machineTicks(): MachineTicks | undefined {
  const line = readProc('/proc/stat')?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return undefined;
  // user nice system idle iowait irq softirq steal (guest time is counted in user already)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** The share of the machine's cores (0–1) that was busy between two readings. */
export function busyShare(before: MachineTicks | undefined, after: MachineTicks | undefined): number | undefined {
  if (!before || !after || after.total === before.total) return undefined;
  return (after.busy - before.busy) / (after.total - before.total);
}
