/** One test per corpus case: the extractor's claims and findings must equal the expected sets. */

import { describe, expect, it } from '@jest/globals';

import { extractClaims } from '../../libs/domain/src/claims/index.js';
import { canonical, loadCorpus, type CorpusCase } from './corpus-loader.js';

const files = loadCorpus();

function describeClaim(claim: { kind: string; text: string; start: number; end: number; value: unknown }): string {
  return `${claim.kind} ${claim.start}-${claim.end} ${JSON.stringify(claim.text)} ${canonical(claim.value)}`;
}

function describeFinding(finding: { kind: string; text: string; start: number; end: number }): string {
  return `${finding.kind} ${finding.start}-${finding.end} ${JSON.stringify(finding.text)}`;
}

function run(testCase: CorpusCase): { claims: string[]; findings: string[] } {
  const result = extractClaims(testCase.text, {
    language: testCase.language,
    referenceDate: testCase.referenceDate,
  });
  return {
    claims: result.claims.map(describeClaim).sort(),
    findings: result.findings.map(describeFinding).sort(),
  };
}

describe('claims corpus', () => {
  it('has cases', () => {
    expect(files.reduce((sum, file) => sum + file.cases.length, 0)).toBeGreaterThan(0);
  });

  describe.each(files.map((file) => [file.area, file] as const))('%s', (_area, file) => {
    it.each(file.cases.map((testCase) => [testCase.id, testCase] as const))('%s', (_id, testCase) => {
      const actual = run(testCase);
      expect(actual).toEqual({
        claims: testCase.claims.map(describeClaim).sort(),
        findings: testCase.findings.map(describeFinding).sort(),
      });
    });
  });
});
