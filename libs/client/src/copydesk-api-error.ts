import {
  REVIEW_CONFLICT_REASONS,
  type ApiErrorBody,
  type PublishGateFailedError,
  type ReviewConflictError,
} from '#contracts';
import { isRecord } from './ack-outcome.js';

/** A REST call answered with an error status; `code` and `message` come from the `{ error }` body. */
export class CopydeskApiError extends Error {
  override readonly name = 'CopydeskApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole `error` object (requestId, fields, blockers, ...) when the server sent one. */
    readonly details: ApiErrorBody['error'] | null = null,
  ) {
    super(message);
  }

  /**
   * A `409 PUBLISH_GATE_FAILED` (an `approve` or `publish` the gate held): `details.blockers`
   * then lists every blocker, typed.
   */
  isPublishGateFailed(): this is CopydeskApiError & {
    readonly code: 'PUBLISH_GATE_FAILED';
    readonly details: PublishGateFailedError;
  } {
    return this.code === 'PUBLISH_GATE_FAILED' && Array.isArray(this.details?.blockers);
  }

  /**
   * A `409 CONFLICT` refusing a review action, with why in `details.reason`: `state` (the action is
   * not open from the draft's state: `details.state`, `details.allowed`) or `changed` (an update
   * was stored while the text was being checked: try the same action again).
   */
  isReviewConflict(): this is CopydeskApiError & {
    readonly code: 'CONFLICT';
    readonly details: ReviewConflictError;
  } {
    const reason = this.details?.reason;
    return this.code === 'CONFLICT' && (REVIEW_CONFLICT_REASONS as readonly unknown[]).includes(reason);
  }

  /** Reads the error body; a body that is not `{ error: { code, message } }` (a proxy's page) gets `HTTP_<status>`. */
  static fromResponse(status: number, statusText: string, body: unknown): CopydeskApiError {
    const error = isRecord(body) && isRecord(body.error) ? body.error : null;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') {
      return new CopydeskApiError(status, error.code, error.message, error as ApiErrorBody['error']);
    }
    return new CopydeskApiError(status, `HTTP_${status}`, statusText || `HTTP ${status}`);
  }
}
