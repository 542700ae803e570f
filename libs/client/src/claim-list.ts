import type { ClaimsEvent, DraftClaim } from '#contracts';

/** What changed in a draft's claims, as a `claims` event says it. */
export type ClaimChanges = Pick<ClaimsEvent, 'changed' | 'closed'>;

/** A draft's open claims, as last told by the server (join answers and `claims` events). */
export class ClaimList {
  private readonly claims = new Map<string, DraftClaim>();

  get all(): ReadonlyMap<string, DraftClaim> {
    return this.claims;
  }

  apply(changes: ClaimChanges): void {
    for (const claim of changes.changed) this.claims.set(claim.id, claim);
    for (const id of changes.closed) this.claims.delete(id);
  }

  /**
   * Takes the full list from a (re-)join answer; returns the changes to announce (those gone as
   * closed, the rest as changed), so a listener that follows events ends up with the same list.
   */
  replace(claims: readonly DraftClaim[]): ClaimChanges {
    const kept = new Set(claims.map((claim) => claim.id));
    const closed = [...this.claims.keys()].filter((id) => !kept.has(id));
    this.claims.clear();
    for (const claim of claims) this.claims.set(claim.id, claim);
    return { changed: [...claims], closed };
  }
}
