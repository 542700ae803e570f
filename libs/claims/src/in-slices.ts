import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long a computation may hold the event loop before sockets get a turn. */
export const SLICE_MS = 4;

export interface Sliced<T> {
  value: T;
  /** Time spent computing, waits for a turn left out, in milliseconds. */
  busyMs: number;
}

/**
 * Runs a computation written as steps (a generator yielding between pieces of bounded work) on
 * the event loop without holding it: once a slice has run `sliceMs`, the next waits for a later
 * turn (see yieldToOthers). A long text is read while updates keep flowing.
 */
export async function inSlices<T>(steps: Generator<void, T, void>, sliceMs = SLICE_MS): Promise<Sliced<T>> {
  let busyMs = 0;
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    const ran = performance.now() - sliceStart;
    if (step.done) return { value: step.value, busyMs: busyMs + ran };
    if (ran >= sliceMs) {
      busyMs += ran;
      await yieldToOthers();
      sliceStart = performance.now();
    }
  }
}

/** The same computation run to its end at once, where nothing else waits on the event loop. */
export function inOneGo<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Lets I/O and whatever it queued go first: the first setImmediate lets the poll phase run (reads,
 * updates applied), and the second puts the next slice behind the immediates queued meanwhile
 * (an update's fan-out is one), since an immediate queued while immediates run waits for the next
 * loop iteration.
 */
async function yieldToOthers(): Promise<void> {
  await nextTurn();
  await nextTurn();
}
