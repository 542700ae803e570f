import { InitialSchema1764374400000 } from './1764374400000-initial-schema.js';
import { SnapshotStateVector1764460800000 } from './1764460800000-snapshot-state-vector.js';
import { UpdateQuarantine1764547200000 } from './1764547200000-update-quarantine.js';
import { UpdateBatchId1764633600000 } from './1764633600000-update-batch-id.js';
import { Claims1764720000000 } from './1764720000000-claims.js';
import { Review1764806400000 } from './1764806400000-review.js';
import { Release1764892800000 } from './1764892800000-release.js';
import { Sessions1764979200000 } from './1764979200000-sessions.js';

/** Every migration, oldest first. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [
  InitialSchema1764374400000,
  SnapshotStateVector1764460800000,
  UpdateQuarantine1764547200000,
  UpdateBatchId1764633600000,
  Claims1764720000000,
  Review1764806400000,
  Release1764892800000,
  Sessions1764979200000,
];
