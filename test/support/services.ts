import { describe } from '@jest/globals';

/**
 * Suites that need real PostgreSQL or Redis run only when their URLs are set (CI sets both);
 * otherwise they are skipped with a plain message saying why, never silently.
 */
export function describeWithServices(needs: ('postgres' | 'redis')[], name: string, body: () => void): void {
  const missing = needs.filter((need) => !process.env[need === 'postgres' ? 'DATABASE_URL' : 'REDIS_URL']);
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const why = missing.map((need) => (need === 'postgres' ? 'DATABASE_URL' : 'REDIS_URL')).join(' and ');
  process.stderr.write(`SKIPPED "${name}": it needs ${why} (a shared PostgreSQL/Redis for several server instances)\n`);
  const skip = describe.skip;
  skip(`${name} (skipped: set ${why})`, body);
}
