import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SUMMIT_ARTICLE } from '../fixtures/articles.js';
import { runCli } from '../support/child-server.js';

async function tempFile(name: string, content: string): Promise<string> {
  const file = path.join(os.tmpdir(), `copydesk-${process.pid}-${name}`);
  await writeFile(file, content);
  return file;
}

interface Extraction {
  claims: { kind: string; text: string; value: unknown }[];
  findings: { kind: string; text: string }[];
}

describe('copydesk claims', () => {
  it('prints the extraction of a file as JSON', async () => {
    const file = await tempFile('summit.txt', SUMMIT_ARTICLE);
    const { code, output } = await runCli(['claims', file, '--reference-date', '2026-02-10'], {});
    expect(code).toBe(0);
    const result = JSON.parse(output) as Extraction;
    expect(result.claims.filter((c) => c.kind === 'ordinal').map((c) => c.value)).toEqual([14, 14]);
  });

  it('streams --jsonl in order, reporting bad lines and carrying on', async () => {
    const lines = [
      JSON.stringify({ id: 'a', text: 'ارتفعت الأسعار بنسبة 45 في المئة.' }),
      'not json',
      JSON.stringify({ id: 'b', text: '' }),
      JSON.stringify({ id: 'c', text: 'الأحد 9 شباط 2026', referenceDate: '2026-02-10' }),
      JSON.stringify({ id: 'd', text: 'The 90th member joined in 2025.', lang: 'en' }),
    ];
    const file = await tempFile('batch.jsonl', lines.join('\n'));
    const { code, output } = await runCli(['claims', '--jsonl', file], {});
    expect(code).toBe(0);
    const results = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { id: string | null; error?: string } & Partial<Extraction>);
    expect(results.map((r) => r.id)).toEqual(['a', null, 'b', 'c', 'd']);
    expect(results[0]!.claims).toEqual([expect.objectContaining({ kind: 'percentage', value: 45 })]);
    expect(results[1]!.error).toMatch(/not a JSON object/);
    expect(results[2]!.error).toMatch(/empty/);
    expect(results[3]!.findings).toEqual([expect.objectContaining({ kind: 'weekday_mismatch' })]);
    expect(results[4]!.claims!.map((c) => c.kind)).toEqual(['ordinal', 'date']);
  });

  it.each([
    [['claims', '--reference-date', '2026-02-30'], 'INVALID_REFERENCE_DATE'],
    [['claims', '--reference-date', 'yesterday'], '--reference-date must be YYYY-MM-DD'],
    [['claims', '--lang', 'fr'], '--lang must be ar or en'],
    [['claims', '/nonexistent/file.txt'], 'Cannot read /nonexistent/file.txt'],
  ])('refuses %j with a clear message', async (args, message) => {
    const file = await tempFile('tiny.txt', 'نص قصير فيه 3 أرقام');
    const withInput = args.includes('/nonexistent/file.txt') ? args : [...args, file];
    const { code, output } = await runCli(withInput, {});
    expect(code).toBeGreaterThan(0);
    expect(output).toContain(message);
  });

  it('refuses a 10 MB text without crashing', async () => {
    const file = await tempFile('huge.txt', 'ب'.repeat(10 * 1024 * 1024));
    const { code, output } = await runCli(['claims', file], {});
    expect(code).toBe(1);
    expect(output).toMatch(/TEXT_TOO_LONG/);
  });
});
