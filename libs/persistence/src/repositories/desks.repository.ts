import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StorageBoundary } from '../database/storage-boundary.js';
import { DeskMembershipEntity } from '../entities/desk-membership.entity.js';
import { DeskEntity } from '../entities/desk.entity.js';

@Injectable()
@StorageBoundary()
export class DesksRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<DeskEntity | null> {
    return this.dataSource.getRepository(DeskEntity).findOneBy({ id });
  }

  async findByName(name: string): Promise<DeskEntity | null> {
    const rows: DeskEntity[] = await this.dataSource
      .getRepository(DeskEntity)
      .createQueryBuilder('desk')
      .where('lower(desk.name) = lower(:name)', { name })
      .getMany();
    return rows[0] ?? null;
  }

  list(): Promise<DeskEntity[]> {
    return this.dataSource.getRepository(DeskEntity).find({ order: { name: 'ASC' } });
  }

  /** Inserts the desk; resolves to null when the name (case-insensitive) is taken. */
  async insert(name: string): Promise<DeskEntity | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO desks (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id`,
      [name],
    );
    return rows.length === 0 ? null : this.findById(rows[0]!.id);
  }

  desksOfUser(userId: string): Promise<DeskEntity[]> {
    return this.dataSource
      .getRepository(DeskEntity)
      .createQueryBuilder('desk')
      .innerJoin(DeskMembershipEntity, 'm', 'm.desk_id = desk.id')
      .where('m.user_id = :userId', { userId })
      .orderBy('desk.name', 'ASC')
      .getMany();
  }

  async members(deskId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(DeskMembershipEntity)
      .find({ select: { userId: true }, where: { deskId } });
    return rows.map((row) => row.userId);
  }

  async addMember(deskId: string, userId: string): Promise<void> {
    await this.dataSource.query(`INSERT INTO desk_members (desk_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      deskId,
      userId,
    ]);
  }

  async removeMember(deskId: string, userId: string): Promise<void> {
    await this.dataSource.getRepository(DeskMembershipEntity).delete({ deskId, userId });
  }
}
