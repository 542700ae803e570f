import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { onPath } from './binaries.js';
import { freePort } from './free-port.js';

/**
 * A redis-server of the suite's own, on a free port, with no persistence: killing it loses every
 * key and subscription, as a Redis restart in production does. It runs in the foreground as a
 * child of the test, so it can be killed and started again on the same port.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly program: string,
  ) {}

  static async create(): Promise<PrivateRedis> {
    const program = onPath('redis-server');
    if (!program) throw new Error('redis-server is not on PATH');
    const redis = new PrivateRedis(await freePort(), program);
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get isRunning(): boolean {
    return this.child !== null;
  }

  /** Starts the server and resolves once it accepts connections. */
  start(): Promise<void> {
    if (this.child) return Promise.resolve();
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const child = spawn(this.program, [...args, '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => fail(new Error(`redis-server did not start: ${output}`)), 10_000);
      const fail = (error: Error) => {
        clearTimeout(timer);
        if (this.child === child) this.child = null;
        child.kill('SIGKILL');
        reject(error);
      };
      child.stderr!.on('data', (chunk) => (output += chunk));
      child.once('error', fail);
      child.once('exit', (code) => {
        if (this.child === child) this.child = null;
        fail(new Error(`redis-server exited with ${code}: ${output}`));
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        output += `${line}\n`;
        if (line.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  /** Kills the server with SIGKILL, as a crash does, and resolves once it is gone. */
  kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
