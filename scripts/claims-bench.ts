/**
 * Times the claim extractor (its targets: docs/benchmarks.md, Claim extraction): the median over a 6 KB Arabic article after
 * warm-up, and throughput in MB/s of UTF-8 text from 1 KB to 1 MB (it should stay flat: linear cost).
 * Usage: npm run bench:claims
 */
import { performance } from 'node:perf_hooks';
// The claims index, not `#domain`: `--conditions=types` also sends zxcvbn's `require` of its
// decompressor to a .d.ts, so the domain's password checker does not load under these scripts.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- see above
import { buildArabicNewsText, extractClaims } from '../libs/domain/src/claims/index.js';

const REFERENCE = { referenceDate: '2026-02-10' };

function textOfBytes(bytes: number): string {
  let text = buildArabicNewsText(Math.ceil(bytes / 2));
  while (Buffer.byteLength(text) > bytes) text = text.slice(0, Math.floor(text.length * 0.99));
  return text;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const article = textOfBytes(6 * 1024);
for (let i = 0; i < 500; i++) extractClaims(article, REFERENCE);
const samples: number[] = [];
for (let i = 0; i < 1000; i++) {
  const started = performance.now();
  extractClaims(article, REFERENCE);
  samples.push(performance.now() - started);
}
const claims = extractClaims(article, REFERENCE).claims.length;
console.log(`6 KB Arabic article (${Buffer.byteLength(article)} bytes, ${claims} claims)`);
console.log(
  `  median ${median(samples).toFixed(3)} ms, p95 ${[...samples].sort((a, b) => a - b)[949]!.toFixed(3)} ms over 1000 runs`,
);

console.log('\nthroughput (median of runs)');
console.log('  size        ms/run      MB/s');
for (const size of [1024, 10 * 1024, 100 * 1024, 1024 * 1024]) {
  const text = textOfBytes(size);
  const runs = Math.max(5, Math.round((4 * 1024 * 1024) / size));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    extractClaims(text, REFERENCE);
    times.push(performance.now() - started);
  }
  const ms = median(times);
  const mbPerS = Buffer.byteLength(text) / (1024 * 1024) / (ms / 1000);
  console.log(`  ${`${size / 1024} KB`.padEnd(10)} ${ms.toFixed(3).padStart(9)} ${mbPerS.toFixed(1).padStart(9)}`);
}

// Inputs that would make a backtracking or rescanning extractor quadratic: at four times the
// length a linear one takes about four times as long.
console.log('\nhostile input (ms at 1x and 4x the length; ~4 is linear)');
const hostile: [string, (times: number) => string][] = [
  ['"1," repeated', (times) => '1,'.repeat(12_500 * times)],
  ['open quotes', (times) => '«'.repeat(25_000 * times)],
  ['speech verbs', (times) => 'قال '.repeat(5_000 * times)],
  ['articles', (times) => 'الـ'.repeat(7_500 * times)],
  ['one long line', (times) => buildArabicNewsText(100_000 * times).replaceAll('\n', ' ')],
];
for (const [name, build] of hostile) {
  const [once, four] = [1, 4].map((times) => {
    const text = build(times);
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      extractClaims(text, REFERENCE);
      runs.push(performance.now() - started);
    }
    return median(runs);
  });
  console.log(
    `  ${name.padEnd(16)} ${once!.toFixed(1).padStart(8)} ${four!.toFixed(1).padStart(8)}   x${(four! / once!).toFixed(1)}`,
  );
}
