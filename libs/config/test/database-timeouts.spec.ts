import { describe, expect, it } from '@jest/globals';
import { ConfigError, DEFAULT_DATABASE_TIMEOUTS, loadConfig, type Env } from '#config';

const POSTGRES: Env = { DATABASE_URL: 'postgres://db/copydesk', JWT_SECRET: 'x'.repeat(32) };

const timeoutsFrom = (env: Env) => {
  const { database } = loadConfig({ ...POSTGRES, ...env }, '/');
  if (database.kind !== 'postgres') throw new Error('expected PostgreSQL');
  return database.timeouts;
};

describe('database timeouts', () => {
  it('defaults to limits suited to acks that wait on commits', () => {
    expect(timeoutsFrom({})).toEqual(DEFAULT_DATABASE_TIMEOUTS);
  });

  it.each([
    ['DATABASE_CONNECT_TIMEOUT_MS', '2500', { connectMs: 2500 }],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '0', { statementMs: 0 }],
    ['DATABASE_LOCK_TIMEOUT_MS', '1000', { lockMs: 1000 }],
    ['DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', '60000', { idleInTransactionMs: 60000 }],
    ['DATABASE_QUERY_TIMEOUT_MS', '30000', { queryMs: 30000 }],
    ['DATABASE_KEEPALIVE_IDLE_MS', '0', { keepAliveIdleMs: 0 }],
  ])('reads %s=%s', (name, value, expected) => {
    expect(timeoutsFrom({ [name]: value })).toEqual({ ...DEFAULT_DATABASE_TIMEOUTS, ...expected });
  });

  it.each([
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '-1' }, /DATABASE_STATEMENT_TIMEOUT_MS must be a whole number/],
    [{ DATABASE_QUERY_TIMEOUT_MS: 'soon' }, /DATABASE_QUERY_TIMEOUT_MS must be a whole number/],
    [
      { DATABASE_STATEMENT_TIMEOUT_MS: '20000', DATABASE_QUERY_TIMEOUT_MS: '20000' },
      /DATABASE_QUERY_TIMEOUT_MS \(20000\) must be longer than DATABASE_STATEMENT_TIMEOUT_MS/,
    ],
  ])('refuses %j', (env, problem) => {
    expect(() => timeoutsFrom(env)).toThrow(ConfigError);
    expect(() => timeoutsFrom(env)).toThrow(problem);
  });
});
