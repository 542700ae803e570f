/**
 * Open connections per user on this instance, against a limit: one user's runaway tabs or
 * scripts cannot take every socket the instance can hold.
 */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly limitPerUser: number) {}

  /** Counts a new connection for the user, unless they are at the limit (then false, nothing counted). */
  tryOpen(userId: string): boolean {
    const open = this.open.get(userId) ?? 0;
    if (open >= this.limitPerUser) return false;
    this.open.set(userId, open + 1);
    return true;
  }

  close(userId: string): void {
    const open = (this.open.get(userId) ?? 0) - 1;
    if (open > 0) this.open.set(userId, open);
    else this.open.delete(userId);
  }

  countFor(userId: string): number {
    return this.open.get(userId) ?? 0;
  }
}
