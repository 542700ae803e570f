import { UsageError } from './command-io.js';

/** A terminal to ask on: process.stdin when it is one. */
export interface TerminalInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode(mode: boolean): unknown;
}

/**
 * Asks each question in turn at a terminal and resolves with the answers, nothing echoed: the
 * terminal is put in raw mode, so it prints no keystroke, and the answers are assembled here
 * (Backspace deletes a character, Enter ends an answer, Ctrl-C or Ctrl-D on an empty answer
 * cancels). One raw-mode session for all the questions: what is typed ahead is kept for the next.
 */
export function promptSecrets(
  questions: string[],
  input: TerminalInput,
  output: NodeJS.WritableStream,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const answers: string[] = [];
    let current = '';
    const end = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      if (error) reject(error);
      else resolve(answers);
    };
    const onData = (chunk: string | Buffer) => {
      for (const char of String(chunk)) {
        if (answers.length === questions.length) return;
        if (char === '\r' || char === '\n') {
          answers.push(current);
          current = '';
          output.write('\n');
          if (answers.length === questions.length) return end();
          output.write(questions[answers.length]!);
        } else if (char === '\u0003' || (char === '\u0004' && current === '')) {
          output.write('\n');
          return end(new UsageError('Cancelled.'));
        } else if (char === '\u007f' || char === '\b') {
          current = [...current].slice(0, -1).join('');
        } else {
          current += char;
        }
      }
    };
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
    output.write(questions[0]!);
  });
}

/** Everything piped to standard input, less the one line break that ends it (`echo` and here-strings add it). */
export async function readPipedSecret(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
