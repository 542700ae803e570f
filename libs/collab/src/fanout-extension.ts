import type { ManagerLogger } from './document-opener.js';
import type { AppliedUpdate, LiveDocumentExtension } from './live-document-extension.js';
import { FanoutBatcher, type Delivery } from './update-fanout.js';

/** The socket edge's side of the fan-out: it emits deliveries to this instance's own sessions. */
export interface UpdateDeliveryPort {
  /** One draft's deliveries for one turn; `updates` is how many stored updates they carry. */
  deliver(draftId: string, deliveries: Delivery[], updates: number): void;
}

/**
 * The first live-document extension: passes on to this instance's sessions exactly what its
 * documents apply (their own clients' updates, relayed ones, repairs), in that order, merged per
 * draft and event-loop turn (see FanoutBatcher). A session that joined saw the document either
 * before an update or gets the update afterwards. Until a port is connected there are no sessions
 * to reach, and nothing is sent.
 */
export class FanoutExtension implements LiveDocumentExtension {
  readonly name = 'fanout';
  private port: UpdateDeliveryPort | null = null;
  private readonly batcher: FanoutBatcher;

  constructor(logger: ManagerLogger, schedule?: (flush: () => void) => void) {
    this.batcher = new FanoutBatcher(
      (draftId, deliveries, updates) => this.port?.deliver(draftId, deliveries, updates),
      (error, draftId) => logger.error({ err: error, draftId }, 'sending stored updates failed'),
      schedule,
    );
  }

  deliverTo(port: UpdateDeliveryPort): void {
    this.port = port;
  }

  /** An admitted update, before its commit (DocumentManager decides when that is safe). */
  deliverEarly(draftId: string, senderId: string, update: Uint8Array): void {
    this.batcher.add(draftId, { senderId, update });
  }

  afterApply(applied: AppliedUpdate): void {
    if (applied.deliveredEarly) return;
    this.batcher.add(applied.draftId, { senderId: applied.connectionId, update: applied.update });
  }
}
