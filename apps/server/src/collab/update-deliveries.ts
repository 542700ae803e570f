import type { Namespace } from 'socket.io';
import type { Delivery } from '#collab';
import { roomOf } from './rooms.js';

/** Stored updates as socket.io emits: room broadcasts cross instances through the Redis adapter. */
export function emitDeliveries(namespace: Namespace, draftId: string, deliveries: readonly Delivery[]): void {
  for (const delivery of deliveries) {
    const target =
      delivery.to === 'room'
        ? namespace.to(roomOf(draftId)).except(delivery.except)
        : namespace.to(delivery.connectionId);
    target.emit('update', { draftId, update: delivery.update });
  }
}
