import type { Ack } from '#contracts';
import { isDomainError } from '#domain';
import type { Logger } from 'pino';
import { socketCodeFor } from '../http/error-mapping.js';

/** Runs a handler and turns its outcome into a protocol ack (docs/protocol.md, Acknowledgements); nothing thrown escapes to the socket. */
export async function toAck<T extends object>(logger: Logger, work: () => Promise<T>): Promise<Ack<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    // Storage outages arrive here as DomainError UNAVAILABLE already: persistence classifies them (StorageBoundary).
    if (isDomainError(error)) return { ok: false, error: { code: socketCodeFor(error.code), message: error.message } };
    logger.error({ err: error }, 'unhandled error in a socket handler');
    return { ok: false, error: { code: 'UNAVAILABLE', message: 'Something went wrong on our side; retry later' } };
  }
}
