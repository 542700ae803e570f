/** What one dependency reports to GET /health/ready: a rejection, or no answer in time, reports it 'down'. */
export type ProbeResult = 'ok' | 'not_configured';

/**
 * One dependency the readiness check asks about. The composition root provides them (under
 * READINESS_PROBES); the health endpoint knows nothing of the drivers behind them.
 */
export interface ReadinessProbe {
  /** Its key under `checks` in the readiness response. */
  readonly name: string;
  /** Resolves once the dependency has answered ('not_configured': this instance runs without it). */
  check(): Promise<ProbeResult>;
}

export const READINESS_PROBES = Symbol('READINESS_PROBES');

/** The database, asked through persistence (DatabaseHealth). */
export function databaseProbe(database: { ping(): Promise<void> }): ReadinessProbe {
  return {
    name: 'database',
    check: async () => {
      await database.ping();
      return 'ok';
    },
  };
}

/** Redis when configured (a lone instance runs without it: never a reason to be unready). */
export function redisProbe(redis: { ping(): Promise<unknown> } | null): ReadinessProbe {
  return {
    name: 'redis',
    check: async () => {
      if (!redis) return 'not_configured';
      await redis.ping();
      return 'ok';
    },
  };
}
