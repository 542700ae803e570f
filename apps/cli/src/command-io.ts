/** Where a command writes; tests and the real CLI pass different sinks. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** A mistake in how the command was called: printed without a stack, exit code 2. */
export class UsageError extends Error {}
