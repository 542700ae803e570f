/**
 * Typed transaction origins: every change to a live document says where it came from, so the
 * server never mistakes its own or a relayed change for a user's edit.
 */
export type TransactionOrigin =
  | { kind: 'client'; userId: string; connectionId: string; seq: number }
  | { kind: 'relay'; seq: number }
  | { kind: 'store' }
  | { kind: 'server' };

export function isTransactionOrigin(value: unknown): value is TransactionOrigin {
  return typeof value === 'object' && value !== null && 'kind' in value;
}
