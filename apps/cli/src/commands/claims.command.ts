import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ClaimsExtractionService } from '#claims';
import { LANGUAGES, type Language } from '#contracts';
import { isDomainError, isLanguage } from '#domain';
import { UsageError, type CommandIo } from '../command-io.js';

export const CLAIMS_USAGE = `copydesk claims [FILE|-] [--lang ar|en] [--reference-date YYYY-MM-DD]
copydesk claims --jsonl [FILE|-]     one {"id","text","lang"?,"referenceDate"?} per line in, one result per line out`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function language(value: unknown): Language | undefined {
  if (value === undefined || isLanguage(value)) return value;
  throw new UsageError(`--lang must be ${LANGUAGES.join(' or ')} (got "${String(value)}")`);
}

async function readAll(source: string): Promise<string> {
  if (source !== '-') return readFile(source, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `copydesk claims`: the extractor over a file or standard input, printing the extractor's JSON (docs/claims.md). */
export async function claimsCommand(argv: string[], io: CommandIo, now = new Date()): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { lang: { type: 'string' }, 'reference-date': { type: 'string' }, jsonl: { type: 'boolean' } },
    strict: true,
  });
  if (positionals.length > 1) throw new UsageError(`Give one file (or - for standard input).\n${CLAIMS_USAGE}`);
  const source = positionals[0] ?? '-';
  const referenceDate = values['reference-date'];
  if (referenceDate !== undefined && !DATE.test(referenceDate)) {
    throw new UsageError('--reference-date must be YYYY-MM-DD');
  }
  const lang = language(values.lang);
  const service = new ClaimsExtractionService();

  if (!values.jsonl) {
    let text: string;
    try {
      text = await readAll(source);
    } catch (error) {
      io.err(`Cannot read ${source}: ${(error as Error).message}`);
      return 1;
    }
    try {
      io.out(JSON.stringify(service.extract({ text, language: lang, referenceDate }, now), null, 2));
      return 0;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      io.err(`${error.code}: ${error.message}`);
      return 1;
    }
  }

  // Batch mode streams: an archive of any size goes through line by line, in order.
  const input = source === '-' ? process.stdin : createReadStream(source, 'utf8');
  let failed = 0;
  let lineNumber = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    const result = extractLine(service, line, lineNumber, { language: lang, referenceDate }, now);
    if ('error' in result) failed++;
    io.out(JSON.stringify(result));
  }
  if (failed > 0) io.err(`${failed} line(s) could not be processed; see their "error" fields.`);
  return 0;
}

function extractLine(
  service: ClaimsExtractionService,
  line: string,
  lineNumber: number,
  defaults: { language?: Language; referenceDate?: string },
  now: Date,
): object {
  let record: { id?: unknown; text?: unknown; lang?: unknown; referenceDate?: unknown };
  try {
    record = JSON.parse(line) as typeof record;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new Error('not an object');
  } catch {
    return { id: null, line: lineNumber, error: 'the line is not a JSON object' };
  }
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? record.id : null;
  try {
    const lang = record.lang;
    if (lang !== undefined && !isLanguage(lang)) return { id, error: `lang must be ${LANGUAGES.join(' or ')}` };
    if (
      record.referenceDate !== undefined &&
      (typeof record.referenceDate !== 'string' || !DATE.test(record.referenceDate))
    ) {
      return { id, error: 'referenceDate must be YYYY-MM-DD' };
    }
    const result = service.extract(
      {
        text: record.text,
        language: lang ?? defaults.language,
        referenceDate: (record.referenceDate as string | undefined) ?? defaults.referenceDate,
      },
      now,
    );
    return { id, ...result };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { id, error: error.message };
  }
}
