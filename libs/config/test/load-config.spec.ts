import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { ConfigError, DEFAULT_DATABASE_TIMEOUTS, loadConfig, type AppConfig, type Env } from '#config';

/**
 * README, Configuration: every variable, its default, and "a bad value stops the process with a
 * list of every bad variable". Every variable is read whichever database is used; the bad-value
 * rows start from a valid PostgreSQL environment, and the database's own ones are tried embedded too.
 */
const SECRET = 's'.repeat(32);
const POSTGRES: Env = { DATABASE_URL: 'postgres://db.internal:5432/copydesk', JWT_SECRET: SECRET };

/** The problems loadConfig reports for `env`, or [] when it takes it. */
function problemsOf(env: Env): readonly string[] {
  try {
    loadConfig(env, '/srv/copydesk');
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The message is what the operator reads: it must carry every problem too.
    for (const problem of error.problems) expect(error.message).toContain(problem);
    return error.problems;
  }
}

const NOT_NUMBERS = ['soon', '-1', '2.5', '12abc', '99999999999999999999'];

/** Whole-number variables and, for each, values out of any sensible range (README's meanings). */
const WHOLE_NUMBERS: [name: string, outOfRange: string[]][] = [
  ['PORT', ['65536', '80000']],
  ['DATABASE_POOL_SIZE', ['0']],
  ['DATABASE_CONNECT_TIMEOUT_MS', []],
  ['DATABASE_STATEMENT_TIMEOUT_MS', []],
  ['DATABASE_LOCK_TIMEOUT_MS', []],
  ['DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', []],
  ['DATABASE_QUERY_TIMEOUT_MS', []],
  ['DATABASE_KEEPALIVE_IDLE_MS', []],
  ['JWT_TTL_SECONDS', ['0']],
  ['HTTP_BODY_LIMIT_BYTES', ['0']],
  ['COLLAB_MAX_UPDATE_BYTES', ['0']],
  ['COLLAB_MAX_MESSAGE_BYTES', ['0']],
  ['COLLAB_MAX_DOCUMENT_BYTES', ['0']],
  ['COLLAB_UPDATES_PER_SECOND', ['0']],
  ['COLLAB_UPDATE_BURST', ['0']],
  ['COLLAB_JOINS_PER_SECOND', ['0']],
  ['COLLAB_JOIN_BURST', ['0']],
  ['COLLAB_MAX_CONNECTIONS_PER_USER', ['0']],
  ['COLLAB_COMPACT_EVERY', ['0']],
  ['COLLAB_IDLE_UNLOAD_MS', []],
  ['COLLAB_TEXT_SYNC_DEBOUNCE_MS', []],
  ['COLLAB_MAX_OUTBOUND_BYTES', ['0', '65535']],
  ['PRESENCE_CURSOR_INTERVAL_MS', []],
  ['PRESENCE_TIMEOUT_MS', ['0']],
  ['CLAIMS_SETTLE_MS', ['60001']],
  ['CLAIMS_MAX_WAIT_MS', ['600001']],
  ['RELEASE_POLL_MS', ['0']],
  ['WEBHOOK_POLL_MS', ['0']],
  ['WEBHOOK_TIMEOUT_MS', ['0']],
  ['WEBHOOK_RETRY_BASE_MS', ['0']],
  ['WEBHOOK_MAX_ATTEMPTS', ['0', '101']],
  ['CLAIMS_CONCURRENCY', ['0', '65']],
  ['COLLAB_COMMITS_IN_FLIGHT', ['0', '17']],
];

const BAD_VALUES: [name: string, value: string][] = [
  ...WHOLE_NUMBERS.flatMap(([name, outOfRange]) =>
    [...NOT_NUMBERS, ...outOfRange].map((value): [string, string] => [name, value]),
  ),
  ['DATABASE_URL', 'not a url'],
  ['DATABASE_URL', 'mysql://db.internal/copydesk'],
  ['DATABASE_URL', 'redis://127.0.0.1:6379'],
  ['REDIS_URL', 'not a url'],
  ['REDIS_URL', 'postgres://db.internal/copydesk'],
  ['REDIS_URL', 'http://127.0.0.1:6379'],
  ['JWT_SECRET', 'short'],
  ['JWT_SECRET', 's'.repeat(31)],
  ['LOG_LEVEL', 'verbose'],
  ['COLLAB_EARLY_RELAY', 'on'],
  ['LOG_LEVEL', 'INFO'],
  ['PUBLICATION_URI_PREFIX', 'stories/'],
  ['PUBLICATION_URI_PREFIX', 'https://news.example/a b/'],
  ['WEBHOOK_ALLOW_PRIVATE_ADDRESSES', 'yes'],
  ['WEBHOOK_LEASE_MS', '5000'],
  ['WEBHOOK_RETRY_MAX_MS', '5'],
  ['API_DOCS', 'yes'],
  ['TRUST_PROXY', 'yes'],
  ['TRUST_PROXY', '33'],
  ['TRUST_PROXY', '-1'],
  ['TRUST_PROXY', '10.0.0.0/33'],
  ['TRUST_PROXY', 'fd00::/129'],
  ['TRUST_PROXY', '10.0.0.1/8/8'],
  ['TRUST_PROXY', '10.0.0'],
  ['TRUST_PROXY', 'loopback, proxy.internal'],
  ['TRUST_PROXY', 'loopback,,uniquelocal'],
];

describe('loadConfig', () => {
  it('takes an empty environment: the embedded database with every documented default', () => {
    const expected: AppConfig = {
      environment: 'development',
      http: {
        host: '127.0.0.1',
        port: 3000,
        bodyLimitBytes: 1_048_576,
        metricsToken: null,
        apiDocs: true,
        trustProxy: false,
      },
      database: { kind: 'embedded', dataDir: path.resolve('/srv/copydesk', 'data') },
      auth: { jwtSecret: null, tokenTtlSeconds: 43_200 },
      redis: { url: null },
      collab: {
        maxUpdateBytes: 262_144,
        maxMessageBytes: 8_388_608,
        maxDocumentBytes: 2_097_152,
        updatesPerSecond: 60,
        updateBurst: 200,
        joinsPerSecond: 5,
        joinBurst: 20,
        maxConnectionsPerUser: 20,
        compactEvery: 500,
        idleUnloadMs: 30_000,
        textSyncDebounceMs: 500,
        earlyRelay: 'auto',
        commitsInFlight: 2,
        maxOutboundBytes: 16_777_216,
        presenceCursorIntervalMs: 50,
        presenceTimeoutMs: 30_000,
      },
      claims: { settleMs: 1_000, maxWaitMs: 5_000, concurrency: 4 },
      publishing: { uriPrefix: 'urn:copydesk:story:', releasePollMs: 1_000 },
      webhooks: {
        pollMs: 1_000,
        timeoutMs: 10_000,
        retryBaseMs: 10_000,
        retryMaxMs: 3_600_000,
        maxAttempts: 12,
        leaseMs: 300_000,
        allowPrivateAddresses: false,
      },
      log: { level: 'info' },
    };
    expect(loadConfig({}, '/srv/copydesk')).toEqual(expected);
  });

  it('takes PostgreSQL with its documented pool size and timeouts', () => {
    expect(loadConfig(POSTGRES, '/').database).toEqual({
      kind: 'postgres',
      url: POSTGRES.DATABASE_URL,
      poolSize: 10,
      timeouts: DEFAULT_DATABASE_TIMEOUTS,
    });
  });

  it.each<[string, Env, (config: AppConfig) => unknown, unknown]>([
    ['HOST for containers', { HOST: '0.0.0.0' }, (c) => c.http.host, '0.0.0.0'],
    ['PORT 0 (any free port)', { PORT: '0' }, (c) => c.http.port, 0],
    [
      'DATA_DIR, relative to the working directory',
      { DATA_DIR: 'var/db' },
      (c) => c.database,
      { kind: 'embedded', dataDir: '/srv/copydesk/var/db' },
    ],
    ['REDIS_URL over TLS', { REDIS_URL: 'rediss://cache:6380' }, (c) => c.redis.url, 'rediss://cache:6380'],
    ['METRICS_TOKEN', { METRICS_TOKEN: 'scrape-me' }, (c) => c.http.metricsToken, 'scrape-me'],
    [
      'PUBLICATION_URI_PREFIX over https',
      { PUBLICATION_URI_PREFIX: 'https://news.example/stories/' },
      (c) => c.publishing.uriPrefix,
      'https://news.example/stories/',
    ],
    [
      'WEBHOOK_ALLOW_PRIVATE_ADDRESSES',
      { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' },
      (c) => c.webhooks.allowPrivateAddresses,
      true,
    ],
    ['LOG_LEVEL silent', { LOG_LEVEL: 'silent' }, (c) => c.log.level, 'silent'],
    [
      'NODE_ENV=production: the API docs off',
      { NODE_ENV: 'production' },
      (c) => [c.environment, c.http.apiDocs],
      ['production', false],
    ],
    [
      'API_DOCS=true in production',
      { NODE_ENV: 'production', API_DOCS: 'true' },
      (c) => [c.environment, c.http.apiDocs],
      ['production', true],
    ],
    ['API_DOCS=false in development', { API_DOCS: 'false' }, (c) => c.http.apiDocs, false],
    [
      'any other NODE_ENV as development',
      { NODE_ENV: 'test' },
      (c) => [c.environment, c.http.apiDocs],
      ['development', true],
    ],
    ['TRUST_PROXY=false', { TRUST_PROXY: 'false' }, (c) => c.http.trustProxy, false],
    ['TRUST_PROXY=true', { TRUST_PROXY: 'true' }, (c) => c.http.trustProxy, true],
    ['TRUST_PROXY as a hop count', { TRUST_PROXY: '1' }, (c) => c.http.trustProxy, 1],
    [
      'TRUST_PROXY as addresses, CIDR blocks and named ranges',
      { TRUST_PROXY: 'loopback, 10.0.0.0/8,172.18.0.5, fd00::/8, uniquelocal' },
      (c) => c.http.trustProxy,
      ['loopback', '10.0.0.0/8', '172.18.0.5', 'fd00::/8', 'uniquelocal'],
    ],
    ['a JWT_SECRET of 32 characters', { JWT_SECRET: SECRET }, (c) => c.auth.jwtSecret, SECRET],
    [
      'COLLAB_IDLE_UNLOAD_MS 0 (as the benchmarks run)',
      { COLLAB_IDLE_UNLOAD_MS: '0' },
      (c) => c.collab.idleUnloadMs,
      0,
    ],
    [
      'PRESENCE_CURSOR_INTERVAL_MS 0 (every move)',
      { PRESENCE_CURSOR_INTERVAL_MS: '0' },
      (c) => c.collab.presenceCursorIntervalMs,
      0,
    ],
    [
      'COLLAB_MAX_CONNECTIONS_PER_USER 10000 (as the benchmarks run)',
      { COLLAB_MAX_CONNECTIONS_PER_USER: '10000' },
      (c) => c.collab.maxConnectionsPerUser,
      10_000,
    ],
    ['a value with spaces around it', { PORT: ' 8080 ' }, (c) => c.http.port, 8080],
    ['an empty value as absent', { PORT: '', LOG_LEVEL: '  ' }, (c) => [c.http.port, c.log.level], [3000, 'info']],
    [
      'a message cap of exactly the update limit plus 64 KiB',
      { COLLAB_MAX_UPDATE_BYTES: '1048576', COLLAB_MAX_MESSAGE_BYTES: String(1_048_576 + 65_536) },
      (c) => [c.collab.maxUpdateBytes, c.collab.maxMessageBytes],
      [1_048_576, 1_114_112],
    ],
  ])('takes %s', (_, env, pick, expected) => {
    expect(pick(loadConfig(env, '/srv/copydesk'))).toEqual(expected);
  });

  it.each(BAD_VALUES)('refuses %s=%j, naming it', (name, value) => {
    const problems = problemsOf({ ...POSTGRES, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it.each(BAD_VALUES.filter(([name]) => name.startsWith('DATABASE_') && name !== 'DATABASE_URL'))(
    'refuses %s=%j on the embedded database too, where it does not apply yet',
    (name, value) => {
      const problems = problemsOf({ [name]: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(name);
    },
  );

  it.each<[string, Env, string]>([
    ['JWT_SECRET missing beside DATABASE_URL', { DATABASE_URL: POSTGRES.DATABASE_URL }, 'JWT_SECRET'],
    [
      'a message cap below the update limit plus 64 KiB',
      { COLLAB_MAX_UPDATE_BYTES: '1048576', COLLAB_MAX_MESSAGE_BYTES: String(1_048_576 + 65_535) },
      'COLLAB_MAX_MESSAGE_BYTES',
    ],
    [
      'a message cap below the default update limit plus 64 KiB',
      { COLLAB_MAX_MESSAGE_BYTES: '65536' },
      'COLLAB_MAX_MESSAGE_BYTES',
    ],
    [
      'an outbound cap below twice the document limit',
      { COLLAB_MAX_OUTBOUND_BYTES: String(4 * 1_048_576 - 1) },
      'COLLAB_MAX_OUTBOUND_BYTES',
    ],
    [
      'a query timeout no longer than the statement timeout',
      { ...POSTGRES, DATABASE_STATEMENT_TIMEOUT_MS: '20000', DATABASE_QUERY_TIMEOUT_MS: '20000' },
      'DATABASE_QUERY_TIMEOUT_MS',
    ],
  ])('refuses %s, naming %s', (_, env, name) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it('lists every bad variable at once, not just the first', () => {
    const bad: Env = {
      PORT: 'eighty',
      DATABASE_URL: 'mysql://db.internal/copydesk',
      DATABASE_POOL_SIZE: '0',
      DATABASE_CONNECT_TIMEOUT_MS: '-1',
      DATABASE_STATEMENT_TIMEOUT_MS: 'long',
      DATABASE_LOCK_TIMEOUT_MS: '1.5',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 'x',
      DATABASE_QUERY_TIMEOUT_MS: 'never',
      DATABASE_KEEPALIVE_IDLE_MS: '-10',
      REDIS_URL: 'http://cache',
      JWT_SECRET: 'short',
      JWT_TTL_SECONDS: 'a day',
      LOG_LEVEL: 'loud',
      HTTP_BODY_LIMIT_BYTES: '1MB',
      COLLAB_MAX_UPDATE_BYTES: '256k',
      COLLAB_MAX_MESSAGE_BYTES: '8MiB',
      COLLAB_MAX_DOCUMENT_BYTES: '0',
      COLLAB_UPDATES_PER_SECOND: '0',
      COLLAB_UPDATE_BURST: '-200',
      COLLAB_JOINS_PER_SECOND: 'five',
      COLLAB_JOIN_BURST: '2.5',
      COLLAB_MAX_CONNECTIONS_PER_USER: '0',
      COLLAB_COMPACT_EVERY: 'often',
      COLLAB_IDLE_UNLOAD_MS: '-1',
      COLLAB_TEXT_SYNC_DEBOUNCE_MS: 'soon',
      PRESENCE_CURSOR_INTERVAL_MS: '-50',
      PRESENCE_TIMEOUT_MS: '0',
      API_DOCS: 'on',
      TRUST_PROXY: 'the usual proxies',
    };
    const problems = problemsOf(bad);
    const named = Object.keys(bad).filter((name) => problems.some((problem) => problem.startsWith(name)));
    expect(named).toEqual(Object.keys(bad));
    expect(problems).toHaveLength(Object.keys(bad).length);
  });
});
