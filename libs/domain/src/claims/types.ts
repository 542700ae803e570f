/** The extractor's options. Its output is the contract's `ExtractClaimsResponse` (#contracts, claims). */
import type { Language } from '#contracts';

export interface ExtractClaimsOptions {
  /** Detected from the text when absent. */
  language?: Language;
  /** `YYYY-MM-DD`; the date a year-less date is placed nearest to. Defaults to the UTC day of `now`. */
  referenceDate?: string;
  /**
   * The adapter's clock, used only to default `referenceDate`. The domain never reads the clock
   * itself, so one of the two must be given.
   */
  now?: Date;
}
