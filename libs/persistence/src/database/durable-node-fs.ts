import { fsyncSync } from 'node:fs';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/** The parts of Emscripten's NODEFS this file touches (not in PGlite's types). */
interface EmscriptenNodeFs {
  stream_ops: { fsync?: (stream: { nfd: number }) => number };
  tryFSOperation<T>(operation: () => T): T;
}

type PostgresModule = Parameters<NodeFS['init']>[1];

/**
 * PGlite's file system on a Node directory, made to honour fsync. Out of the box the embedded
 * PostgreSQL starts with fsync off, and Emscripten's NODEFS has no fsync for fsync() to reach
 * (fdatasync() is a no-op in Emscripten altogether), so a commit lives in the OS page cache
 * only: it survives the process being killed but not power loss. Here fsync() reaches the disk
 * and PostgreSQL flushes its WAL with fsync(), so a commit is on disk before it is acknowledged.
 */
export class DurableNodeFS extends NodeFS {
  /** How many fsync() calls reached the disk; tests read it. */
  syncs = 0;

  override async init(pg: PGlite, opts: Partial<PostgresModule>) {
    const { emscriptenOpts } = await super.init(pg, opts);
    const installFsync = (module: PostgresModule) => {
      const nodefs = (module as unknown as { NODEFS: EmscriptenNodeFs }).NODEFS;
      // tryFSOperation turns a Node error into the errno PostgreSQL expects (it then panics, as
      // PostgreSQL does on any failed fsync: the data may not be on disk).
      nodefs.stream_ops.fsync = (stream) =>
        nodefs.tryFSOperation(() => {
          fsyncSync(stream.nfd);
          this.syncs++;
          return 0;
        });
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), installFsync] } };
  }
}

/**
 * PGlite options for a durable embedded database: PGlite's own start parameters without `-F`
 * (fsync off), and the WAL flushed with fsync() because that is the call Emscripten forwards.
 */
export function durablePgliteOptions(dataDir: string): PGliteOptions & { fs: DurableNodeFS } {
  return {
    fs: new DurableNodeFS(dataDir),
    startParams: [...PGlite.defaultStartParams.filter((param) => param !== '-F'), '-c', 'wal_sync_method=fsync'],
  };
}
