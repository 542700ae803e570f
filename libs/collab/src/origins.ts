/**
 * Typed transaction origins: every change to a live document says where it came from, so the
 * server never mistakes its own or a relayed change for a user's edit.
 */
export type TransactionOrigin =
  /** `deliveredEarly`: this instance's sessions were sent it before its commit. */
  | { kind: 'client'; userId: string; connectionId: string; seq: number; deliveredEarly: boolean }
  | { kind: 'relay'; seq: number }
  | { kind: 'store' }
  | { kind: 'server' };

export function isTransactionOrigin(value: unknown): value is TransactionOrigin {
  return typeof value === 'object' && value !== null && 'kind' in value;
}
