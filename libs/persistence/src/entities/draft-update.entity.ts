import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One stored Yjs update (v1 encoding); the log is append-only per draft. */
@Entity({ name: 'draft_updates' })
export class DraftUpdateEntity {
  @PrimaryColumn({ name: 'draft_id', type: 'uuid' })
  draftId!: string;

  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: Number } })
  seq!: number;

  @Column({ type: 'bytea' })
  data!: Buffer;

  /** Null for changes the server made itself (initial text, migrations). */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  /** The appendUpdates call that stored it, to resolve a commit whose reply was lost; null before that. */
  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
