import path from 'node:path';
import { ConfigError } from './config-error.js';
import { EARLY_RELAY_MODES, type AppConfig, type LogLevel } from './config.types.js';
import { readDatabaseTimeouts } from './database-timeouts.js';
import { EnvReader, type Env } from './env-reader.js';
import { MIN_SECRET_LENGTH } from './jwt-secret.js';
import { readTrustProxy } from './trust-proxy.js';

export { ConfigError };

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** Room for a socket.io event's name, draft id and framing around an update. */
const ENVELOPE_BYTES = 64 * 1024;

/** Builds the configuration from an environment map; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Env, cwd: string): AppConfig {
  const read = new EnvReader(env);
  const databaseUrl = read.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const jwtSecret = read.string('JWT_SECRET');
  if (jwtSecret !== null && jwtSecret.length < MIN_SECRET_LENGTH) {
    read.problems.push(`JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (databaseUrl !== null && jwtSecret === null) {
    read.problems.push('JWT_SECRET is required when DATABASE_URL is set (every instance must share it)');
  }

  const maxUpdateBytes = read.integer('COLLAB_MAX_UPDATE_BYTES', 256 * 1024, 1024, 16 * 1_048_576);
  // Read whichever database is used: a bad value is reported even where it would not apply yet.
  const poolSize = read.integer('DATABASE_POOL_SIZE', 10, 1, 200);
  const timeouts = readDatabaseTimeouts(read);
  const dataDir = path.resolve(cwd, read.string('DATA_DIR', './data'));
  // Any other NODE_ENV (test, development, unset) keeps the open operations endpoints of development.
  const environment = read.string('NODE_ENV') === 'production' ? 'production' : 'development';

  const config: AppConfig = {
    environment,
    http: {
      host: read.string('HOST', '127.0.0.1'),
      port: read.integer('PORT', 3000, 0, 65535),
      bodyLimitBytes: read.integer('HTTP_BODY_LIMIT_BYTES', 1_048_576, 1024, 64 * 1_048_576),
      metricsToken: read.string('METRICS_TOKEN'),
      apiDocs: read.boolean('API_DOCS', environment === 'development'),
      trustProxy: readTrustProxy(read),
    },
    database:
      databaseUrl !== null ? { kind: 'postgres', url: databaseUrl, poolSize, timeouts } : { kind: 'embedded', dataDir },
    auth: {
      jwtSecret,
      tokenTtlSeconds: read.integer('JWT_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    },
    redis: { url: read.url('REDIS_URL', ['redis:', 'rediss:']) },
    collab: {
      maxUpdateBytes,
      maxMessageBytes: read.integer('COLLAB_MAX_MESSAGE_BYTES', 8 * 1_048_576, 64 * 1024, 256 * 1_048_576),
      maxDocumentBytes: read.integer('COLLAB_MAX_DOCUMENT_BYTES', 2 * 1_048_576, 64 * 1024, 1024 * 1_048_576),
      joinsPerSecond: read.integer('COLLAB_JOINS_PER_SECOND', 5, 1, 10_000),
      joinBurst: read.integer('COLLAB_JOIN_BURST', 20, 1, 10_000),
      updatesPerSecond: read.integer('COLLAB_UPDATES_PER_SECOND', 60, 1, 100_000),
      updateBurst: read.integer('COLLAB_UPDATE_BURST', 200, 1, 100_000),
      maxConnectionsPerUser: read.integer('COLLAB_MAX_CONNECTIONS_PER_USER', 20, 1, 10_000),
      idleUnloadMs: read.integer('COLLAB_IDLE_UNLOAD_MS', 30_000, 0, 86_400_000),
      compactEvery: read.integer('COLLAB_COMPACT_EVERY', 500, 10, 1_000_000),
      textSyncDebounceMs: read.integer('COLLAB_TEXT_SYNC_DEBOUNCE_MS', 500, 0, 60_000),
      earlyRelay: read.oneOf('COLLAB_EARLY_RELAY', EARLY_RELAY_MODES, 'auto'),
      commitsInFlight: read.integer('COLLAB_COMMITS_IN_FLIGHT', 2, 1, 16),
      maxOutboundBytes: read.integer('COLLAB_MAX_OUTBOUND_BYTES', 16 * 1_048_576, 64 * 1024, 1024 * 1_048_576),
      presenceCursorIntervalMs: read.integer('PRESENCE_CURSOR_INTERVAL_MS', 50, 0, 10_000),
      presenceTimeoutMs: read.integer('PRESENCE_TIMEOUT_MS', 30_000, 1_000, 3_600_000),
    },
    claims: {
      settleMs: read.integer('CLAIMS_SETTLE_MS', 1_000, 0, 60_000),
      maxWaitMs: read.integer('CLAIMS_MAX_WAIT_MS', 5_000, 0, 600_000),
      concurrency: read.integer('CLAIMS_CONCURRENCY', 4, 1, 64),
    },
    publishing: {
      uriPrefix: readUriPrefix(read),
      releasePollMs: read.integer('RELEASE_POLL_MS', 1_000, 50, 600_000),
    },
    webhooks: {
      pollMs: read.integer('WEBHOOK_POLL_MS', 1_000, 50, 600_000),
      timeoutMs: read.integer('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      retryBaseMs: read.integer('WEBHOOK_RETRY_BASE_MS', 10_000, 10, 3_600_000),
      retryMaxMs: read.integer('WEBHOOK_RETRY_MAX_MS', 3_600_000, 10, 7 * 86_400_000),
      maxAttempts: read.integer('WEBHOOK_MAX_ATTEMPTS', 12, 1, 100),
      leaseMs: read.integer('WEBHOOK_LEASE_MS', 300_000, 1_000, 3_600_000),
      allowPrivateAddresses: read.boolean('WEBHOOK_ALLOW_PRIVATE_ADDRESSES', false),
    },
    log: { level: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info') },
  };

  // The message cap must leave room for the largest update and its envelope, or such an update
  // would close the connection instead of being answered.
  if (config.collab.maxMessageBytes < maxUpdateBytes + ENVELOPE_BYTES) {
    read.problems.push(
      `COLLAB_MAX_MESSAGE_BYTES must be at least COLLAB_MAX_UPDATE_BYTES + ${ENVELOPE_BYTES} (${maxUpdateBytes + ENVELOPE_BYTES})`,
    );
  }
  // A join answer carries the whole document: a cap below it could cut a connection at every join.
  if (config.collab.maxOutboundBytes < 2 * config.collab.maxDocumentBytes) {
    read.problems.push('COLLAB_MAX_OUTBOUND_BYTES must be at least twice COLLAB_MAX_DOCUMENT_BYTES');
  }
  if (config.webhooks.leaseMs < 2 * config.webhooks.timeoutMs) {
    // A lease that could run out while its attempt is still waiting for an answer would let a
    // second instance send the same delivery.
    read.problems.push('WEBHOOK_LEASE_MS must be at least twice WEBHOOK_TIMEOUT_MS');
  }
  if (config.webhooks.retryMaxMs < config.webhooks.retryBaseMs) {
    read.problems.push('WEBHOOK_RETRY_MAX_MS must be at least WEBHOOK_RETRY_BASE_MS');
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** An absolute URI prefix, e.g. `urn:copydesk:story:` or `https://news.example/stories/`. */
function readUriPrefix(read: EnvReader): string {
  const prefix = read.string('PUBLICATION_URI_PREFIX', 'urn:copydesk:story:');
  try {
    const sample = `${prefix}00000000-0000-4000-8000-000000000000`;
    if (new URL(sample).href !== sample) throw new Error('not in normal form');
  } catch {
    read.problems.push(`PUBLICATION_URI_PREFIX must start an absolute URI in normal form (got "${prefix}")`);
  }
  return prefix;
}
