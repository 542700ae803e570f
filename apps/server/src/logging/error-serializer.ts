import { pino } from 'pino';

/**
 * What a database error carries of the data it was given: TypeORM's QueryFailedError keeps the
 * statement's `parameters` (an INSERT INTO users has the argon2 hash among them) and copies the
 * driver's fields onto itself, where PostgreSQL's `detail` may quote the whole failing row
 * ("Failing row contains (...)") or a key's value, and `where` / `internalQuery` the statement
 * a function ran. The SQL text itself (`query`, with $1 placeholders), the SQLSTATE `code`,
 * `constraint`, `table` and `column` stay: they are what a reader needs to find the fault.
 */
const QUERY_DATA = new Set(['parameters', 'detail', 'where', 'internalQuery']);

// What pino's serializer makes of an error (its own prototype, with `raw` hidden), nested ones too.
const SERIALIZED_ERROR = Object.getPrototypeOf(pino.stdSerializers.err(new Error('probe'))) as object;

/**
 * A copy of plain records, arrays and errors (serialized as pino does) without the query data;
 * anything else (a Date, a Buffer) is kept whole. `copies` maps what was copied to its copy, so an object met
 * twice (or in a cycle) is the same copy each time and never the original.
 */
function withoutQueryData(value: unknown, copies: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (copies.has(value)) return copies.get(value);
  // An error inside something that is not one (pino serializes only errors it is handed).
  if (value instanceof Error) {
    copies.set(value, '[Circular]');
    const copy = withoutQueryData(pino.stdSerializers.err(value), copies);
    copies.set(value, copy);
    return copy;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const item of value) copy.push(withoutQueryData(item, copies));
    return copy;
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== Object.prototype && prototype !== null && prototype !== SERIALIZED_ERROR) return value;
  const copy: Record<string, unknown> = Object.create(prototype);
  copies.set(value, copy);
  for (const [key, field] of Object.entries(value)) {
    if (!QUERY_DATA.has(key)) copy[key] = withoutQueryData(field, copies);
  }
  return copy;
}

/**
 * pino's own error serializer (type, message and stack with their causes, the error's other
 * fields, nested errors such as TypeORM's `driverError`), less the query data at any depth.
 */
export function serializeError(error: unknown): unknown {
  return withoutQueryData(pino.stdSerializers.err(error as Error), new Map());
}
