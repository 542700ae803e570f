import { describe } from '@jest/globals';
import { MemoryPresenceStore } from '#presence';
import { storeContract } from './presence-store.contract.js';

describe('MemoryPresenceStore', () => {
  storeContract(() => new MemoryPresenceStore());
});
