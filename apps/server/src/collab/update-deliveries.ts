import type { Namespace } from 'socket.io';
import type { Delivery } from '#collab';
import { roomOf } from './rooms.js';

/**
 * Stored updates as socket.io emits to this instance's own sockets: every instance fans out what
 * its document applied (relayed updates included), so the Redis adapter must not carry them too.
 */
export function emitDeliveries(namespace: Namespace, draftId: string, deliveries: readonly Delivery[]): void {
  for (const delivery of deliveries) {
    const target =
      delivery.to === 'room'
        ? namespace.local.to(roomOf(draftId)).except(delivery.except)
        : namespace.local.to(delivery.connectionId);
    target.emit('update', { draftId, update: delivery.update });
  }
}
