import os from 'node:os';

/**
 * Lowers this thread's CPU priority (worker threads started afterwards inherit it), so that a
 * server on the same machine is scheduled first, as it would be with the load on another
 * machine. Returns the niceness in effect.
 */
export function yieldCpuTo(nice: number): { nice: number; problem?: string } {
  const current = os.getPriority();
  if (nice <= current) return { nice: current };
  try {
    os.setPriority(nice);
    return { nice: os.getPriority() };
  } catch (error) {
    return { nice: current, problem: error instanceof Error ? error.message : String(error) };
  }
}
