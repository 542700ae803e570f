import { DeskMembershipEntity } from './desk-membership.entity.js';
import { DeskEntity } from './desk.entity.js';
import { DraftSnapshotEntity } from './draft-snapshot.entity.js';
import { DraftUpdateEntity } from './draft-update.entity.js';
import { DraftEntity } from './draft.entity.js';
import { UserEntity } from './user.entity.js';

export { DeskMembershipEntity, DeskEntity, DraftSnapshotEntity, DraftUpdateEntity, DraftEntity, UserEntity };

export const ENTITIES = [
  UserEntity,
  DeskEntity,
  DeskMembershipEntity,
  DraftEntity,
  DraftUpdateEntity,
  DraftSnapshotEntity,
];
