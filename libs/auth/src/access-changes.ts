import { Injectable } from '@nestjs/common';

export type AccessChangeListener = (userIds: string[]) => void;

/**
 * Announces that what some users may see or do may have changed (desk membership, role, a
 * disabled account, a draft's authors), so that whoever holds their open sessions checks them
 * again instead of trusting what was decided when they joined.
 */
@Injectable()
export class AccessChanges {
  private readonly listeners = new Set<AccessChangeListener>();

  listen(listener: AccessChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(userIds: Iterable<string>): void {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return;
    for (const listener of this.listeners) listener(ids);
  }
}
