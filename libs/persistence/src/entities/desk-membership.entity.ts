import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'desk_members' })
export class DeskMembershipEntity {
  @PrimaryColumn({ name: 'desk_id', type: 'uuid' })
  deskId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
