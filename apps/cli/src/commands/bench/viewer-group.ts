/** Some of the load bench's viewers, in the thread that runs this: connected, recording, then checked. */
import { mapConcurrently, pollUntil } from './async-helpers.js';
import { ErrorTally } from './error-tally.js';
import { RecordingViewer } from './recording-viewer.js';

export interface ViewerGroupReport {
  /** Flat (viewer, clientId, clock, at) quadruples: when each viewer first held each editor's edits up to clock. */
  transitions: number[];
  texts: [draftIndex: number, text: string][];
  errors: Record<string, number>;
}

/** Every editor's final clock, by draft: a group is done once its viewers all hold them. */
export type FinalStates = [draftIndex: number, clientId: number, clock: number][];

export class ViewerGroup {
  private readonly tally = new ErrorTally();
  private readonly transitions: number[] = [];
  private viewers: RecordingViewer[] = [];
  failed = 0;
  connectMs = 0;

  /** `clockOffsetMs` converts this thread's performance.now() into the timing thread's. */
  constructor(private readonly clockOffsetMs = 0) {}

  get connected(): number {
    return this.viewers.length;
  }

  async connect(
    url: string,
    token: string,
    draftIds: readonly string[],
    draftIndexes: readonly number[],
    concurrency: number,
  ): Promise<void> {
    const started = performance.now();
    const joined = await mapConcurrently(draftIndexes, concurrency, (draftIndex, viewer) =>
      RecordingViewer.join(url, token, draftIds[draftIndex]!, draftIndex, this.tally, (clientId, clock, at) =>
        this.transitions.push(viewer, clientId, clock, at + this.clockOffsetMs),
      ),
    );
    this.viewers = joined.filter((viewer): viewer is RecordingViewer => viewer !== null);
    this.failed = joined.length - this.viewers.length;
    this.connectMs = performance.now() - started;
  }

  /** Waits (up to settleMs) until every viewer holds its editors' final states, then reports and closes. */
  async finish(finalStates: FinalStates, settleMs: number): Promise<ViewerGroupReport> {
    const holdsAll = () =>
      this.viewers.every((viewer) =>
        finalStates.every(
          ([draftIndex, clientId, clock]) => draftIndex !== viewer.draftIndex || viewer.holds(clientId, clock),
        ),
      );
    await pollUntil(holdsAll, settleMs);
    const texts = this.viewers.map((viewer): [number, string] => [viewer.draftIndex, viewer.text()]);
    for (const viewer of this.viewers) viewer.close();
    return { transitions: this.transitions, texts, errors: this.tally.toJSON() };
  }
}
