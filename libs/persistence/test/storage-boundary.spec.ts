import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { DomainError } from '#domain';
import {
  DatabaseHealth,
  DesksRepository,
  DraftDocumentsRepository,
  DraftsRepository,
  PersistenceModule,
  UsersRepository,
  type Database,
} from '#persistence';
import { StorageBoundary } from '../src/database/storage-boundary.js';

/** What pg throws when the server refuses the connection. */
function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
}

/** A unique violation as TypeORM wraps it: a failed request, not an outage. */
function uniqueViolation(): QueryFailedError {
  const driverError = Object.assign(new Error('duplicate key value violates unique constraint'), {
    code: '23505',
    severity: 'ERROR',
  });
  return new QueryFailedError('INSERT ...', [], driverError);
}

async function failure(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/**
 * A data source on which everything "works" until awaited, then fails with `error`: every chain
 * of calls a repository makes (getRepository(..).findOneBy, createQueryBuilder()...getMany,
 * transaction, createQueryRunner().connect) ends in that failure.
 */
function failingDataSource(error: () => unknown): DataSource {
  const handler: ProxyHandler<() => unknown> = {
    get: (_target, key) => {
      if (key === 'then')
        return (resolve: (value: unknown) => unknown, reject: (reason: unknown) => unknown) =>
          Promise.reject(error()).then(resolve, reject);
      if (key === Symbol.toPrimitive) return () => '';
      return anything;
    },
    apply: () => anything,
  };
  const anything: unknown = new Proxy(() => undefined, handler);
  return anything as DataSource;
}

/** Every method on the prototype, called with arguments that are themselves the permissive stand-in. */
function everyMethod(instance: object): [string, () => unknown][] {
  const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .filter(
      (key) => key !== 'constructor' && typeof Object.getOwnPropertyDescriptor(prototype, key)?.value === 'function',
    )
    .map((key) => {
      const argument = failingDataSource(() => new Error('arguments are never awaited'));
      const args = Array.from({ length: 5 }, () => argument);
      return [key, () => (prototype[key] as (...a: unknown[]) => unknown).apply(instance, args)];
    });
}

const SERVICES = [UsersRepository, DesksRepository, DraftsRepository, DraftDocumentsRepository, DatabaseHealth];

describe('the storage boundary of persistence', () => {
  describe.each(SERVICES.map((service) => [service.name, service] as const))('%s', (_name, Service) => {
    it('rethrows an outage from any of its methods as DomainError UNAVAILABLE, the original as the cause', async () => {
      const outage = refused();
      const instance = new Service(failingDataSource(() => outage));
      const methods = everyMethod(instance);
      expect(methods.length).toBeGreaterThan(0);
      for (const [name, call] of methods) {
        const error = await failure(call);
        expect({ name, error }).toEqual({ name, error: expect.any(DomainError) });
        expect(error).toMatchObject({ code: 'UNAVAILABLE', message: 'Storage is unavailable; retry shortly' });
        expect((error as Error).cause).toBe(outage);
      }
    });

    it('passes any other failure through unchanged', async () => {
      const violation = uniqueViolation();
      const instance = new Service(failingDataSource(() => violation));
      for (const [, call] of everyMethod(instance)) expect(await failure(call)).toBe(violation);
    });
  });

  it('recognises the outages persistence knows, wrapped or not', async () => {
    for (const outage of [
      new QueryRunnerAlreadyReleasedError(),
      new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection'), { code: '57P01' })),
      new Error('Connection terminated unexpectedly'),
    ]) {
      const error = await failure(() => new UsersRepository(failingDataSource(() => outage)).findById('x'));
      expect(error).toBeInstanceOf(DomainError);
      expect((error as Error).cause).toBe(outage);
    }
  });

  it('leaves the class itself alone: constructor, this, instanceof, accessors, sync methods, return values', async () => {
    @Injectable()
    @StorageBoundary()
    class Probe {
      readonly seen: unknown[] = [];
      constructor(readonly dataSource: DataSource) {}
      get self(): this {
        return this;
      }
      async read(value: number): Promise<number> {
        this.seen.push(value);
        return value * 2;
      }
      count(): number {
        return this.seen.length;
      }
      fail(error: unknown): never {
        throw error;
      }
      async delegate(): Promise<void> {
        // An inner boundary's DomainError is passed on as it is, not wrapped again.
        await this.read(1);
        this.fail(refused());
      }
    }
    const dataSource = failingDataSource(refused);
    const probe = new Probe(dataSource);
    expect(probe).toBeInstanceOf(Probe);
    expect(probe.self).toBe(probe);
    expect(Reflect.getMetadata('design:paramtypes', Probe)).toEqual([DataSource]);
    expect(Probe.prototype.read.name).toBe('read');
    expect(await probe.read(21)).toBe(42);
    expect(probe.count()).toBe(1);
    const outage = refused();
    let thrown: unknown;
    try {
      probe.fail(outage); // still synchronous
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as Error).cause).toBe(outage);
    const violation = uniqueViolation();
    expect(() => probe.fail(violation)).toThrow(violation);
    const inner = await failure(() => probe.delegate());
    expect(inner).toBeInstanceOf(DomainError);
    expect((inner as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('still injects the data source through Nest, and what Nest hands out is guarded', async () => {
    const outage = refused();
    // Plain, so that Nest finds no lifecycle hooks on it: ping is the one call made.
    const dataSource = { query: () => Promise.reject(outage) } as unknown as DataSource;
    const database: Database = { kind: 'postgres', dataSource, close: async () => undefined };
    @Module({ imports: [PersistenceModule.forDatabase(database)] })
    class Root {}
    const context = await NestFactory.createApplicationContext(Root, { logger: false, abortOnError: false });
    try {
      for (const Service of SERVICES) {
        const instance = context.get(Service);
        expect(instance).toBeInstanceOf(Service);
        expect((instance as unknown as { dataSource: unknown }).dataSource).toBe(dataSource);
      }
      const error = await failure(() => context.get(DatabaseHealth).ping());
      expect(error).toMatchObject({ code: 'UNAVAILABLE', cause: outage });
    } finally {
      await context.close();
    }
  });
});
