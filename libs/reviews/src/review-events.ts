import type { ReviewEvent } from '#contracts';

/** How review changes reach the draft's sessions on every instance: the `review` event. */
export interface ReviewEvents {
  reviewChanged(event: ReviewEvent): void;
}

export const SILENT_REVIEW_EVENTS: ReviewEvents = { reviewChanged: () => undefined };
