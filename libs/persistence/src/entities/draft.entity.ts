import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Language, ReviewState } from '#contracts';

/**
 * A draft's metadata and the plain text of its Yjs document (kept current for search, claims
 * and export). The document itself lives in `draft_updates` and `draft_snapshots`.
 */
@Entity({ name: 'drafts' })
export class DraftEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'desk_id', type: 'uuid' })
  deskId!: string;

  @Column({ type: 'text' })
  language!: Language;

  @Column({ type: 'text' })
  headline!: string;

  @Column({ type: 'text' })
  body!: string;

  /** Headline and body folded for search (see normaliseForSearch). */
  @Column({ name: 'search_text', type: 'text' })
  searchText!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'author_ids', type: 'uuid', array: true })
  authorIds!: string[];

  @Column({ name: 'review_state', type: 'text', default: 'draft' })
  reviewState!: ReviewState;

  @Column({ name: 'review_revision', type: 'integer', default: 0 })
  reviewRevision!: number;

  /** When a `scheduled` draft is to be released; written only by review transitions (reviews.repository.ts). */
  @Column({ name: 'embargo_until', type: 'timestamptz', nullable: true })
  embargoUntil!: Date | null;

  /** Sequence number of the newest stored update of the document. */
  @Column({ name: 'head_seq', type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: Number } })
  headSeq!: number;

  /** The update sequence number the plain text columns reflect. */
  @Column({ name: 'text_seq', type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: Number } })
  textSeq!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
