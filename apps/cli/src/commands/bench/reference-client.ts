/**
 * Clients of the reference server (`--reference hocuspocus`): the Yjs sync protocol over a plain
 * WebSocket, framed as Hocuspocus frames it (document name, message type, then the y-protocols
 * message), one socket per client as with Copydesk. Only the bench's reference mode loads this
 * module (dynamically): `ws` and `y-protocols` are development dependencies of the bench.
 *
 * Hocuspocus has no durable ack: its SyncStatus answer follows the update's application, before
 * any store. So the reference is measured on propagation only.
 */
import { DOCUMENT_FIELDS } from '#contracts';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { withTimeout } from './async-helpers.js';
import type { ErrorTally } from './error-tally.js';
import type { ArrivalListener } from './recording-viewer.js';

const JOIN_TIMEOUT_MS = 30_000;

/** Hocuspocus's message types (@hocuspocus/server `MessageType`) and auth subtypes (`AuthMessageType`). */
const MESSAGE = { sync: 0, awareness: 1, auth: 2, syncReply: 4 } as const;
const AUTH = { token: 0, permissionDenied: 1, authenticated: 2 } as const;
const SYNC = { step1: 0, step2: 1, update: 2 } as const;

/** Transaction origin of what arrived from the server: not sent back. */
const REMOTE = Symbol('reference server');

/** One Hocuspocus message: the document's name, the type, then the body. */
export function frame(documentName: string, type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** What a server message carries for a client: auth outcome, a sync step 1 to answer, or an update. */
export type ServerMessage =
  | { kind: 'authenticated' }
  | { kind: 'denied'; reason: string }
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'other' };

export function parseServerMessage(data: Uint8Array): ServerMessage {
  const decoder = decoding.createDecoder(data);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE.auth) {
    const sub = decoding.readVarUint(decoder);
    if (sub === AUTH.authenticated) return { kind: 'authenticated' };
    if (sub === AUTH.permissionDenied) return { kind: 'denied', reason: decoding.readVarString(decoder) };
    return { kind: 'other' };
  }
  if (type !== MESSAGE.sync && type !== MESSAGE.syncReply) return { kind: 'other' };
  const sync = decoding.readVarUint(decoder);
  if (sync === SYNC.step1) return { kind: 'step1', stateVector: decoding.readVarUint8Array(decoder) };
  if (sync === SYNC.step2 || sync === SYNC.update)
    return { kind: 'update', update: decoding.readVarUint8Array(decoder) };
  return { kind: 'other' };
}

/** The opening frames: authentication (Hocuspocus queues everything else until it), then our sync step 1. */
function opening(documentName: string, stateVector: Uint8Array): Uint8Array[] {
  return [
    frame(documentName, MESSAGE.auth, (e) => {
      encoding.writeVarUint(e, AUTH.token);
      encoding.writeVarString(e, 'bench');
    }),
    frame(documentName, MESSAGE.sync, (e) => {
      encoding.writeVarUint(e, SYNC.step1);
      encoding.writeVarUint8Array(e, stateVector);
    }),
  ];
}

function step2Reply(documentName: string, update: Uint8Array): Uint8Array {
  return frame(documentName, MESSAGE.syncReply, (e) => {
    encoding.writeVarUint(e, SYNC.step2);
    encoding.writeVarUint8Array(e, update);
  });
}

/** Opens a socket and sends the opening frames; resolves with it once the server answered with the document. */
function join(
  wsUrl: string,
  documentName: string,
  stateVector: Uint8Array,
  onMessage: (message: ServerMessage, socket: WebSocket, at: number) => void,
): Promise<WebSocket> {
  const socket = new WebSocket(`${wsUrl}/${encodeURIComponent(documentName)}`);
  socket.binaryType = 'nodebuffer';
  return new Promise<WebSocket>((resolve, reject) => {
    let synced = false;
    socket.on('open', () => {
      for (const data of opening(documentName, stateVector)) socket.send(data);
    });
    socket.on('message', (data: Buffer) => {
      const at = performance.now();
      const message = parseServerMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (message.kind === 'denied') reject(new Error(`PERMISSION_DENIED (${message.reason})`));
      onMessage(message, socket, at);
      // The server's sync step 2 (the answer to ours) is the first update it sends.
      if (!synced && message.kind === 'update') {
        synced = true;
        resolve(socket);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('DISCONNECTED')));
  });
}

/** An editor: a live Y.Doc, its changes sent as sync updates, what arrives applied at once. */
export class ReferenceEditor {
  readonly doc = new Y.Doc();
  readonly headline = this.doc.getText(DOCUMENT_FIELDS.headline);
  readonly body = this.doc.getText(DOCUMENT_FIELDS.body);
  private socket: WebSocket | null = null;
  private closed = false;

  private constructor(
    readonly documentName: string,
    readonly draftIndex: number,
  ) {}

  /** Joins; null (counted in `tally`) on failure. `onRemote` sees every update from the server, applied. */
  static async join(
    wsUrl: string,
    documentName: string,
    draftIndex: number,
    tally: ErrorTally,
    onRemote: (doc: Y.Doc, update: Uint8Array, at: number) => void,
  ): Promise<ReferenceEditor | null> {
    const editor = new ReferenceEditor(documentName, draftIndex);
    const { doc } = editor;
    try {
      editor.socket = await withTimeout(
        join(wsUrl, documentName, Y.encodeStateVector(doc), (message, socket, at) => {
          if (message.kind === 'step1') {
            socket.send(step2Reply(documentName, Y.encodeStateAsUpdate(doc, message.stateVector)));
          } else if (message.kind === 'update') {
            Y.applyUpdate(doc, message.update, REMOTE);
            onRemote(doc, message.update, at);
          }
        }),
        JOIN_TIMEOUT_MS,
        'joining',
      );
    } catch (error) {
      tally.add(codeOf(error));
      return null;
    }
    const socket = editor.socket;
    socket.on('close', () => {
      if (!editor.closed) tally.add('DISCONNECTED');
    });
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || socket.readyState !== WebSocket.OPEN) return;
      socket.send(frame(documentName, MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update)));
    });
    return editor;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  text(): string {
    return `${this.headline.toString()}\n${this.body.toString()}`;
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
    this.doc.destroy();
  }
}

/**
 * A passive viewer as cheap as RecordingViewer: keeps what arrives with its clocks, integrates it
 * only for its text at the end.
 */
export class ReferenceViewer {
  private readonly received: Uint8Array[] = [];
  private readonly clocks = new Map<number, number>();
  private socket: WebSocket | null = null;
  private closed = false;

  private constructor(readonly draftIndex: number) {}

  static async join(
    wsUrl: string,
    documentName: string,
    draftIndex: number,
    tally: ErrorTally,
    onArrival: ArrivalListener,
  ): Promise<ReferenceViewer | null> {
    const viewer = new ReferenceViewer(draftIndex);
    let first = true;
    try {
      viewer.socket = await withTimeout(
        join(wsUrl, documentName, Y.encodeStateVector(new Y.Doc()), (message, socket, at) => {
          if (message.kind === 'step1') {
            // A viewer writes nothing: an empty update answers the server's state vector.
            socket.send(step2Reply(documentName, Y.encodeStateAsUpdate(new Y.Doc())));
          } else if (message.kind === 'update') {
            // The join's document is no arrival: clocks only, as RecordingViewer does with its join answer.
            viewer.record(message.update, first ? () => undefined : onArrival, at);
            first = false;
          }
        }),
        JOIN_TIMEOUT_MS,
        'joining',
      );
    } catch (error) {
      tally.add(codeOf(error));
      return null;
    }
    viewer.socket.on('close', () => {
      if (!viewer.closed) tally.add('DISCONNECTED');
    });
    return viewer;
  }

  holds(clientId: number, clock: number): boolean {
    return (this.clocks.get(clientId) ?? 0) >= clock;
  }

  text(): string {
    const doc = new Y.Doc();
    if (this.received.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(this.received));
    return `${doc.getText(DOCUMENT_FIELDS.headline).toString()}\n${doc.getText(DOCUMENT_FIELDS.body).toString()}`;
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private record(update: Uint8Array, onArrival: ArrivalListener, at: number): void {
    this.received.push(update);
    for (const [clientId, clock] of Y.parseUpdateMeta(update).to) {
      if ((this.clocks.get(clientId) ?? 0) >= clock) continue;
      this.clocks.set(clientId, clock);
      onArrival(clientId, clock, at);
    }
  }
}

function codeOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('joining took')) return 'JOIN_TIMEOUT';
  if (message.startsWith('PERMISSION_DENIED') || message === 'DISCONNECTED') return message;
  return `CONNECT_FAILED (${message})`;
}
