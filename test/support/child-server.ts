import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface ChildServer {
  process: ChildProcess;
  url: string;
  /** With a log file: settles once everything the process printed is in it (after it exits). */
  logWritten?: Promise<void>;
}

const ROOT = path.resolve('.');

/**
 * Runs the built `copydesk` CLI with the given environment; resolves with its exit code, its output
 * and stdout alone. `input`, when given, is piped to its standard input, which then ends.
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<{ code: number; output: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/copydesk.js'), ...args], {
      env: { ...process.env, ...env },
      cwd: env.CWD ?? ROOT,
    });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, output, stdout }));
    if (input !== undefined) child.stdin.end(input);
  });
}

/**
 * Starts the built server as a child process and resolves once it logs where it listens.
 * `logFile`: everything it prints, stdout and stderr, is also appended there.
 */
export function startChildServer(env: Record<string, string>, logFile?: string): Promise<ChildServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/apps/server/src/main.js')], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
      cwd: env.CWD ?? ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr!.on('data', (chunk) => (errors += chunk));
    let logWritten: Promise<void> | undefined;
    if (logFile) {
      const log = createWriteStream(logFile, { flags: 'a' });
      logWritten = new Promise((done) => log.on('finish', done));
      child.stdout!.pipe(log, { end: false });
      child.stderr!.pipe(log, { end: false });
      child.on('close', () => log.end());
    }
    const timer = setTimeout(() => reject(new Error(`server did not start: ${errors}`)), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${errors}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'Copydesk is listening' && entry.url) {
          clearTimeout(timer);
          resolve({ process: child, url: entry.url.replace('[::1]', '127.0.0.1'), logWritten });
        }
      } catch {
        // not a log line
      }
    });
  });
}

export function killHard(server: ChildServer): Promise<void> {
  return new Promise((resolve) => {
    if (server.process.exitCode !== null) return resolve();
    server.process.once('exit', () => resolve());
    server.process.kill('SIGKILL');
  });
}

export function stopGracefully(server: ChildServer): Promise<number | null> {
  return new Promise((resolve) => {
    // A process killed by a signal has no exit code, only a signal code.
    if (server.process.exitCode !== null || server.process.signalCode !== null) return resolve(server.process.exitCode);
    server.process.once('exit', (code) => resolve(code));
    server.process.kill('SIGTERM');
  });
}
