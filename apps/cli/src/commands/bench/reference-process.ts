/** Runs reference-server.js in a child process and reads its memory from /proc. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { withTimeout } from './async-helpers.js';

const START_TIMEOUT_MS = 30_000;

export interface ReferenceProcess {
  /** ws://127.0.0.1:port */
  wsUrl: string;
  pid: number;
  /** Resident memory now (VmRSS), null when unreadable. */
  rssBytes(): Promise<number | null>;
  stop(): Promise<void>;
}

export async function startReferenceServer(databaseUrl: string, initialBody: string): Promise<ReferenceProcess> {
  const script = new URL('./reference-server.js', import.meta.url);
  const child = spawn(process.execPath, [script.pathname], { stdio: ['pipe', 'pipe', 'pipe'] });
  // Its settings go on stdin (a password stays out of the process list); closing stdin stops it.
  child.stdin!.write(`${JSON.stringify({ databaseUrl, initialBody })}\n`);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const port = await withTimeout(
    firstPort(child, () => stderr),
    START_TIMEOUT_MS,
    'starting the reference server',
  );
  const pid = child.pid!;
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    pid,
    rssBytes: () => procStatusBytes(pid, 'VmRSS'),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await withTimeout(exited, 5_000, 'stopping the reference server').catch(() => child.kill('SIGKILL'));
    },
  };
}

function firstPort(child: ChildProcess, stderr: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch {
        reject(new Error(`the reference server said: ${line}`));
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`the reference server exited (${code ?? 'signal'}): ${stderr().trim() || 'no message'}`)),
    );
  });
}

/** A `kB` field of /proc/<pid>/status (VmRSS, VmHWM), in bytes; null when unreadable. */
export async function procStatusBytes(pid: number, field: string): Promise<number | null> {
  try {
    return parseProcStatus(await readFile(`/proc/${pid}/status`, 'utf8'), field);
  } catch {
    return null;
  }
}

export function parseProcStatus(status: string, field: string): number | null {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** A process's niceness (field 19 of /proc/<pid>/stat), null when unreadable. */
export async function procNice(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const nice = Number(fields[16]);
    return Number.isInteger(nice) ? nice : null;
  } catch {
    return null;
  }
}
