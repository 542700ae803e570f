/** Where the reference server keeps documents: the two hooks of Hocuspocus's database extension. */
export interface ReferenceStorage {
  /** The stored state of a document, or what a new one starts with. */
  fetch(documentName: string): Promise<Uint8Array>;
  /** Called with the document's full state after every change. */
  store(documentName: string, state: Uint8Array): Promise<void>;
}

export interface ListeningReference {
  port: number;
  destroy(): Promise<void>;
}

/**
 * Hocuspocus 3 as the bench compares against it, listening on 127.0.0.1: with `debounce: 0` every
 * update runs the database extension's `store` (Hocuspocus serialises the stores of one document).
 * Its packages are development dependencies of the bench, loaded only here.
 */
export async function listenReference(storage: ReferenceStorage): Promise<ListeningReference> {
  const { Server } = await import('@hocuspocus/server');
  const { Database } = await import('@hocuspocus/extension-database');
  const server = new Server({
    address: '127.0.0.1',
    port: 0,
    quiet: true,
    stopOnSignals: false,
    debounce: 0,
    maxDebounce: 0,
    extensions: [
      new Database({
        fetch: ({ documentName }) => storage.fetch(documentName),
        store: ({ documentName, state }) => storage.store(documentName, new Uint8Array(state)),
      }),
    ],
  });
  await server.listen();
  return { port: server.address.port, destroy: () => server.destroy() };
}
