import pg from 'pg';

/** The message pg gives a query whose reply did not arrive within `query_timeout`. */
export const QUERY_READ_TIMEOUT = 'Query read timeout';

type QueryFn = (...args: unknown[]) => unknown;

/**
 * A pg client that closes its connection when a reply is overdue. pg's `query_timeout` fails the
 * caller but leaves the query in flight on the connection, which then goes back to the pool and
 * makes every later query on it wait for a reply that may never come (a silently dropped network).
 * Closing it makes the pool drop it and open a fresh one instead.
 */
export class QueryTimeoutClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // pg's query() has a dozen overloads; this wrapper only watches how a call ends.
    const query = this.query.bind(this) as QueryFn;
    const watched: QueryFn = (...args) => {
      const last = args.at(-1);
      if (typeof last === 'function') {
        args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
          this.closeIfOverdue(error);
          (last as (...a: unknown[]) => void)(error, ...rest);
        };
      }
      const result = query(...args);
      if (result instanceof Promise) result.catch((error: unknown) => this.closeIfOverdue(error));
      return result;
    };
    this.query = watched as pg.Client['query'];
  }

  private closeIfOverdue(error: unknown): void {
    // end() with a query still in flight closes the socket at once, and an ending client is
    // discarded by the pool when released instead of being handed out again.
    if (error instanceof Error && error.message === QUERY_READ_TIMEOUT) this.end().catch(() => undefined);
  }
}
