/** Copydesk's configuration, read once from the environment and split by concern. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface HttpConfig {
  host: string;
  port: number;
  /** Largest accepted JSON body, in bytes. */
  bodyLimitBytes: number;
  /** Bearer token required by `/metrics`; open when absent. */
  metricsToken: string | null;
}

export type DatabaseConfig =
  { kind: 'postgres'; url: string; poolSize: number } | { kind: 'embedded'; dataDir: string };

export interface AuthConfig {
  /** Absent only in embedded mode, where it is generated once and kept in the data directory. */
  jwtSecret: string | null;
  tokenTtlSeconds: number;
}

export interface RedisConfig {
  url: string | null;
}

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
  presenceCursorIntervalMs: number;
  presenceTimeoutMs: number;
}

export interface AppConfig {
  http: HttpConfig;
  database: DatabaseConfig;
  auth: AuthConfig;
  redis: RedisConfig;
  collab: CollabConfig;
  log: { level: LogLevel };
}
