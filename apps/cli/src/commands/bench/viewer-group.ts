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

/** What a group needs of a viewer, Copydesk's (RecordingViewer) or the reference server's. */
interface Viewer {
  readonly draftIndex: number;
  holds(clientId: number, clock: number): boolean;
  text(): string;
  close(): void;
}

export class ViewerGroup {
  private readonly tally = new ErrorTally();
  private readonly transitions: number[] = [];
  private viewers: Viewer[] = [];
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
    /** The reference server's ws:// URL: join its documents (named by `draftIds`) instead of Copydesk's drafts. */
    referenceWsUrl: string | null = null,
  ): Promise<void> {
    const started = performance.now();
    // Loaded only in the reference mode: its client needs the bench's development dependencies.
    const reference = referenceWsUrl === null ? null : await import('./reference-client.js');
    const joined = await mapConcurrently(draftIndexes, concurrency, (draftIndex, viewer): Promise<Viewer | null> => {
      const onArrival = (clientId: number, clock: number, at: number) =>
        this.transitions.push(viewer, clientId, clock, at + this.clockOffsetMs);
      return reference
        ? reference.ReferenceViewer.join(referenceWsUrl!, draftIds[draftIndex]!, draftIndex, this.tally, onArrival)
        : RecordingViewer.join(url, token, draftIds[draftIndex]!, draftIndex, this.tally, onArrival);
    });
    this.viewers = joined.filter((viewer): viewer is Viewer => viewer !== null);
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
