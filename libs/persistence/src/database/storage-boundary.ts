import { DomainError } from '#domain';
import { isStorageUnavailable } from './storage-errors.js';

const WRAPPED = Symbol('storageBoundary');

/** What a storage outage looks like once it leaves persistence: the domain's own error, the driver's as its cause. */
export function storageUnavailable(cause: unknown): DomainError<'UNAVAILABLE'> {
  const error = new DomainError('UNAVAILABLE', 'Storage is unavailable; retry shortly');
  // DomainError takes no options; this is what `new Error(message, { cause })` would have set.
  Object.defineProperty(error, 'cause', { value: cause, writable: true, configurable: true, enumerable: false });
  return error;
}

function classified(error: unknown): never {
  if (error instanceof DomainError || !isStorageUnavailable(error)) throw error;
  throw storageUnavailable(error);
}

function guard(method: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    let result: unknown;
    try {
      result = method.apply(this, args);
    } catch (error) {
      classified(error);
    }
    return typeof (result as PromiseLike<unknown> | null)?.then === 'function'
      ? (result as PromiseLike<unknown>).then(undefined, classified)
      : result;
  };
  Object.defineProperty(wrapped, 'name', { value: method.name });
  Object.defineProperty(wrapped, 'length', { value: method.length });
  // Metadata a method decorator may have attached to the function itself (Nest's SetMetadata does).
  for (const key of Reflect.getOwnMetadataKeys?.(method) ?? []) {
    Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, method), wrapped);
  }
  Object.defineProperty(wrapped, WRAPPED, { value: true });
  return wrapped;
}

/**
 * Marks a class as the edge of persistence: every method on its prototype rethrows a storage
 * outage (isStorageUnavailable: a lost or refused connection, a server timeout, a commit whose
 * outcome is unknown) as DomainError UNAVAILABLE, the original kept as its `cause`; anything else
 * (a constraint violation, a bug, a DomainError) passes unchanged, and so do return values.
 *
 * The class itself is left in place (no subclass, no proxy): its constructor, its decorator
 * metadata (Nest's injection, TypeORM's) and `instanceof` are untouched, and the methods run
 * with the same `this`. Accessors are not wrapped. Whatever inside persistence needs the
 * driver's error (the lost-append lookup, provesRollback) works below this line, on the
 * DataSource and on module functions, never through a decorated method. A decorated method
 * calling another gets its DomainError, which passes through its own boundary unchanged.
 */
export function StorageBoundary(): ClassDecorator {
  return (target) => {
    const prototype = target.prototype as Record<PropertyKey, unknown>;
    for (const key of Reflect.ownKeys(prototype)) {
      if (key === 'constructor') continue;
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key)!;
      const method = descriptor.value as ((...args: unknown[]) => unknown) | undefined;
      if (typeof method !== 'function' || WRAPPED in method) continue;
      Object.defineProperty(prototype, key, { ...descriptor, value: guard(method) });
    }
  };
}
