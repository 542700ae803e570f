import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The document state folded from every update up to and including `seq`. */
@Entity({ name: 'draft_snapshots' })
export class DraftSnapshotEntity {
  @PrimaryColumn({ name: 'draft_id', type: 'uuid' })
  draftId!: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: Number } })
  seq!: number;

  @Column({ type: 'bytea' })
  state!: Buffer;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
