import type { Namespace } from 'socket.io';
import type { Delivery, UpdateDeliveryPort } from '#collab';
import type { MetricsService } from '../metrics/metrics.service.js';
import { roomOf } from './rooms.js';

/**
 * Stored updates as socket.io emits to this instance's own sockets: every instance fans out what
 * its document applied (relayed updates included), so the Redis adapter must not carry them too.
 */
export class RoomUpdateDelivery implements UpdateDeliveryPort {
  constructor(
    private readonly namespace: Namespace,
    private readonly metrics: MetricsService,
  ) {}

  deliver(draftId: string, deliveries: Delivery[], updates: number): void {
    for (const delivery of deliveries) {
      const target =
        delivery.to === 'room'
          ? this.namespace.local.to(roomOf(draftId)).except(delivery.except)
          : this.namespace.local.to(delivery.connectionIds);
      target.emit('update', { draftId, update: delivery.update });
      this.metrics.fanoutEmits.inc({ to: delivery.to === 'room' ? 'room' : 'connection' });
    }
    this.metrics.fanoutUpdates.inc(updates);
  }
}
