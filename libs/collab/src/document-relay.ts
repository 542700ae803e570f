import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A stored update, announced to every server instance that holds the draft's document. */
export interface RelayMessage {
  draftId: string;
  seq: number;
  update: Uint8Array;
}

export type RelayHandler = (message: RelayMessage) => void;

/**
 * Carries stored updates between server instances so each applies every update to its own
 * Y.Doc. It is fire-and-forget: a lost message shows up as a gap in sequence numbers, which
 * the document manager repairs from the store.
 */
export interface DocumentRelay {
  /** Starts delivering the draft's messages from other instances; resolves once subscribed. */
  subscribe(draftId: string, handler: RelayHandler): Promise<() => Promise<void>>;
  publish(message: RelayMessage): Promise<void>;
  close(): Promise<void>;
}

/** A single instance has nobody to tell. */
export class LocalRelay implements DocumentRelay {
  async subscribe(): Promise<() => Promise<void>> {
    return async () => undefined;
  }
  async publish(): Promise<void> {}
  async close(): Promise<void> {}
}

const CHANNEL_PREFIX = 'copydesk:doc:';

/** Redis pub/sub, one channel per draft, so an instance hears only about drafts it holds. */
export class RedisRelay implements DocumentRelay {
  private readonly instanceId = randomBytes(8);
  private readonly handlers = new Map<string, Set<RelayHandler>>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {
    subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => this.deliver(channel.toString(), payload));
  }

  async subscribe(draftId: string, handler: RelayHandler): Promise<() => Promise<void>> {
    let set = this.handlers.get(draftId);
    if (!set) {
      set = new Set();
      this.handlers.set(draftId, set);
      await this.subscriber.subscribe(CHANNEL_PREFIX + draftId);
    }
    set.add(handler);
    return async () => {
      const current = this.handlers.get(draftId);
      if (!current?.delete(handler) || current.size > 0) return;
      this.handlers.delete(draftId);
      await this.subscriber.unsubscribe(CHANNEL_PREFIX + draftId);
    };
  }

  async publish(message: RelayMessage): Promise<void> {
    // Layout: 8-byte instance id, 8-byte sequence number, then the update itself.
    const header = Buffer.alloc(16);
    this.instanceId.copy(header, 0);
    header.writeBigUInt64BE(BigInt(message.seq), 8);
    await this.publisher.publish(CHANNEL_PREFIX + message.draftId, Buffer.concat([header, message.update]));
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }

  private deliver(channel: string, payload: Buffer): void {
    if (!channel.startsWith(CHANNEL_PREFIX) || payload.byteLength < 16) return;
    if (payload.subarray(0, 8).equals(this.instanceId)) return;
    const draftId = channel.slice(CHANNEL_PREFIX.length);
    const message = { draftId, seq: Number(payload.readBigUInt64BE(8)), update: payload.subarray(16) };
    for (const handler of this.handlers.get(draftId) ?? []) handler(message);
  }
}
