/**
 * Strict fakes for service specs. A fake is a tiny in-memory class that implements only the
 * members a test needs of a real collaborator, typed against the real class's own signatures:
 *
 *   class FakeDrafts implements Pick<DraftsRepository, 'findById' | 'insert'> { ... }
 *   const service = new DraftsService(strict<DraftsRepository>('DraftsRepository', new FakeDrafts()), ...);
 *
 * `Pick` keeps the fake from drifting when the real class changes; `strict` hands it over as the
 * real type and makes every other member throw, naming itself, so a service that starts calling
 * something the test did not plan for fails loudly instead of getting `undefined` back. Specs then
 * assert on outcomes (what the service returns or throws, what the fake now holds), never on
 * which internal calls were made.
 */
export function strict<T extends object>(name: string, fake: Partial<T>): T {
  return new Proxy(fake, {
    get(target, property, receiver) {
      if (property in target) return Reflect.get(target, property, receiver);
      // Asked by `await` and by printers; a fake is neither a promise nor anything to inspect.
      if (property === 'then' || typeof property === 'symbol') return undefined;
      throw new Error(`${name}.${property} was not expected by this test (the fake does not implement it)`);
    },
    set(target, property, value) {
      if (!(property in target)) throw new Error(`${name}.${String(property)} was not expected to be set by this test`);
      return Reflect.set(target, property, value);
    },
  }) as T;
}
