import type { DataSource } from 'typeorm';
import { normaliseForSearch } from '#domain';

/** A draft's plain text as of document seq `seq`, as saveText stores it. */
export interface TextToSave {
  draftId: string;
  headline: string;
  body: string;
  seq: number;
}

interface Waiting extends TextToSave {
  done: { resolve: () => void; reject: (error: unknown) => void }[];
}

/**
 * Plain-text writes (DraftDocumentsRepository.saveText) asked for in the same turn of the event
 * loop, written in one statement: the text-sync timers of drafts whose edits were committed
 * together fire together, and each write on its own would be a commit (and an fsync) of its own.
 * Nothing waits longer than the turn. A write never replaces a newer one (`text_seq`), and the
 * drafts' rows are locked in id order, as update commits lock them, so the two cannot deadlock.
 */
export class TextWrites {
  private waiting = new Map<string, Waiting>();

  constructor(private readonly dataSource: DataSource) {}

  save(text: TextToSave): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) setImmediate(() => void this.flush());
      const earlier = this.waiting.get(text.draftId);
      const done = [...(earlier?.done ?? []), { resolve, reject }];
      // Two writes of one draft in a turn: the newer text stands for both.
      this.waiting.set(text.draftId, earlier && earlier.seq > text.seq ? { ...earlier, done } : { ...text, done });
    });
  }

  private async flush(): Promise<void> {
    const batch = [...this.waiting.values()];
    this.waiting = new Map();
    try {
      await this.dataSource.query(
        `WITH input AS (
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[])
             AS t(id, headline, body, search_text, seq)
         ),
         locked AS MATERIALIZED (
           SELECT id FROM drafts WHERE id IN (SELECT id FROM input) ORDER BY id FOR NO KEY UPDATE
         )
         UPDATE drafts d
            SET headline = i.headline, body = i.body, search_text = i.search_text, text_seq = i.seq, updated_at = now()
           FROM input i JOIN locked l ON l.id = i.id
          WHERE d.id = i.id AND d.text_seq <= i.seq`,
        [
          batch.map((text) => text.draftId),
          batch.map((text) => text.headline),
          batch.map((text) => text.body),
          batch.map((text) => normaliseForSearch(`${text.headline}\n${text.body}`)),
          batch.map((text) => text.seq),
        ],
      );
    } catch (error) {
      for (const { done } of batch) for (const { reject } of done) reject(error);
      return;
    }
    for (const { done } of batch) for (const { resolve } of done) resolve();
  }
}
