import { execFileSync, spawn } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { postgresBinDir } from './binaries.js';
import { freePort } from './free-port.js';

/**
 * A PostgreSQL cluster of the suite's own (initdb into a temp dir, a free port, its unix socket in
 * that dir), so a suite can stop and start "the database" without touching the shared server other
 * suites run on. PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as the
 * `postgres` OS user, which owns the directory.
 */
export class PrivatePostgres {
  private running = false;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly binDir: string,
    private readonly runAs: string | null,
  ) {}

  /** Creates the cluster and starts it. */
  static async create(): Promise<PrivatePostgres> {
    const binDir = postgresBinDir();
    if (!binDir) throw new Error('PostgreSQL server programs not found (set PG_BIN)');
    const runAs = process.getuid?.() === 0 ? 'postgres' : null;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'copydesk-pg-'));
    if (runAs) await chown(dir, idOf(runAs, '-u'), idOf(runAs, '-g'));
    const cluster = new PrivatePostgres(dir, await freePort(), binDir, runAs);
    try {
      // --no-sync only spares initdb's own fsync of the template files; the server itself keeps fsync on,
      // so a commit it acknowledged survives an immediate stop.
      await cluster.run('initdb', [
        '-D',
        cluster.dataDir,
        '-A',
        'trust',
        '-U',
        'postgres',
        '-E',
        'UTF8',
        '--no-locale',
        '--no-sync',
      ]);
      await cluster.start();
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return cluster;
  }

  /** The superuser's URL for `database` (the default database `postgres` by default). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts the server and resolves once it accepts connections (after crash recovery, if any). */
  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`;
    await this.run('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      path.join(this.dir, 'server.log'),
      '-o',
      options,
      '-w',
      '-t',
      '30',
      'start',
    ]);
    this.running = true;
  }

  /**
   * `immediate` is a crash as far as clients and the data go: every backend is killed without a
   * goodbye, no shutdown checkpoint, WAL replay on the next start. `fast` is an orderly shutdown.
   */
  async stop(mode: 'immediate' | 'fast' = 'fast'): Promise<void> {
    await this.run('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
    this.running = false;
  }

  /** Stops the server (if running) and deletes the cluster. */
  async dispose(): Promise<void> {
    if (this.running) await this.stop('immediate').catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  /** Runs a PostgreSQL program (as the cluster's owner) without blocking the event loop the test's clients need. */
  private run(program: string, args: string[]): Promise<string> {
    const file = path.join(this.binDir, program);
    const [command, argv] = this.runAs ? ['runuser', ['-u', this.runAs, '--', file, ...args]] : [file, args];
    return new Promise((resolve, reject) => {
      // The server pg_ctl starts sends its output to the log file, not to these pipes.
      const child = spawn(command, argv, { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(output) : reject(new Error(`${program} ${args.join(' ')} exited with ${code}: ${output}`)),
      );
    });
  }
}

function idOf(user: string, flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
}
