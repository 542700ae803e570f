/** Copydesk's configuration, read once from the environment and split by concern. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Which peers may tell the client's address in X-Forwarded-For (Express `trust proxy`): none
 * (false), any (true), the nearest n hops, or peers in these addresses, CIDR blocks or the named
 * ranges `loopback`, `linklocal`, `uniquelocal`.
 */
export type TrustProxy = boolean | number | readonly string[];

export interface HttpConfig {
  host: string;
  port: number;
  /** Largest accepted JSON body, in bytes. */
  bodyLimitBytes: number;
  /** Bearer token required by `/metrics`; without one `/metrics` is open in development, closed in production. */
  metricsToken: string | null;
  /** Serve the OpenAPI document and its UI (`/api/docs`); by default only in development. */
  apiDocs: boolean;
  trustProxy: TrustProxy;
}

/** `production` when NODE_ENV is: the operations endpoints are closed unless configured open. */
export type Environment = 'development' | 'production';

/**
 * How long a PostgreSQL connection may take before it counts as unavailable, in milliseconds;
 * 0 leaves a limit unset (the server's own setting applies). See README, Configuration.
 */
export interface DatabaseTimeouts {
  connectMs: number;
  /** Server side: a statement running longer is cancelled (SQLSTATE 57014). */
  statementMs: number;
  /** Server side: waiting longer for a row or table lock fails (55P03). */
  lockMs: number;
  /** Server side: a session idle this long inside a transaction is closed (25P03). */
  idleInTransactionMs: number;
  /** Client side: a reply overdue this long fails the query, also when the network drops silently. */
  queryMs: number;
  /** TCP keepalive probes start after this much silence; 0 turns keepalive off. */
  keepAliveIdleMs: number;
}

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; poolSize: number; timeouts: DatabaseTimeouts }
  | { kind: 'embedded'; dataDir: string };

export interface AuthConfig {
  /** Absent only in embedded mode, where it is generated once and kept in the data directory. */
  jwtSecret: string | null;
  tokenTtlSeconds: number;
}

export interface RedisConfig {
  url: string | null;
}

export const EARLY_RELAY_MODES = ['auto', 'off'] as const;
export type EarlyRelayMode = (typeof EARLY_RELAY_MODES)[number];

export interface CollabConfig {
  maxUpdateBytes: number;
  /** Largest socket.io message read and answered (TOO_LARGE) instead of closing the connection. */
  maxMessageBytes: number;
  /** Largest stored size of one draft's document (snapshot plus update log). */
  maxDocumentBytes: number;
  joinsPerSecond: number;
  joinBurst: number;
  updatesPerSecond: number;
  updateBurst: number;
  maxConnectionsPerUser: number;
  idleUnloadMs: number;
  compactEvery: number;
  textSyncDebounceMs: number;
  /** A connection holding more than this, sent but not yet written to it, is cut off (it re-joins). */
  maxOutboundBytes: number;
  /** `auto`: updates reach the room's sessions before their commit on a single instance (no Redis). */
  earlyRelay: EarlyRelayMode;
  /** Group commits of updates under way at once, for different drafts (the embedded database takes one). */
  commitsInFlight: number;
  presenceCursorIntervalMs: number;
  presenceTimeoutMs: number;
}

/** Claims in live drafts. */
export interface ClaimsConfig {
  /** Automatic claims are looked for this long after the last edit of a burst. */
  settleMs: number;
  /** ...and at the latest this long after the burst's first edit. */
  maxWaitMs: number;
  /** Reconciliations under way at once on an instance; the others wait their turn. */
  concurrency: number;
}

/** Release of reviewed drafts (docs/publishing.md). */
export interface PublishingConfig {
  /** A story's ninjs `uri` is this followed by the draft's id; the same for every version. */
  uriPrefix: string;
  /** How often each instance looks for embargoed releases that are due. */
  releasePollMs: number;
}

/** Delivery of releases to webhook endpoints (docs/webhooks.md). */
export interface WebhooksConfig {
  /** How often each instance looks for deliveries that are due. */
  pollMs: number;
  /** One attempt's limit, connect to last byte. */
  timeoutMs: number;
  /** The first retry comes after about this long; each further one after twice as long, with jitter... */
  retryBaseMs: number;
  /** ...but never longer than this. */
  retryMaxMs: number;
  /** After this many failed attempts a delivery is marked failed (an admin may redeliver it). */
  maxAttempts: number;
  /** An instance sending a delivery holds it this long; only then may another instance take it over. */
  leaseMs: number;
  /** Endpoints on loopback, private or link-local addresses are refused unless this is true. */
  allowPrivateAddresses: boolean;
}

export interface AppConfig {
  environment: Environment;
  http: HttpConfig;
  database: DatabaseConfig;
  auth: AuthConfig;
  redis: RedisConfig;
  collab: CollabConfig;
  claims: ClaimsConfig;
  publishing: PublishingConfig;
  webhooks: WebhooksConfig;
  log: { level: LogLevel };
}
