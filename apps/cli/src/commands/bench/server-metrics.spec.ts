import { describe, expect, it } from '@jest/globals';
import { parseResidentMemory, parseSample } from './server-metrics.js';

describe('parseResidentMemory', () => {
  it('reads the RSS gauge and ignores its comments and look-alikes', () => {
    const text = [
      '# HELP copydesk_process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE copydesk_process_resident_memory_bytes gauge',
      'copydesk_process_resident_memory_bytes_total 1',
      'copydesk_process_resident_memory_bytes 1.2345e+08',
      'copydesk_process_heap_bytes 99',
    ].join('\n');
    expect(parseResidentMemory(text)).toBe(123_450_000);
  });

  it('is null when the metric is absent or not a number', () => {
    expect(parseResidentMemory('copydesk_process_heap_bytes 99\n')).toBeNull();
    expect(parseResidentMemory('copydesk_process_resident_memory_bytes NaN-ish\n')).toBeNull();
  });
});

describe('parseSample', () => {
  it('reads one labelled sample of a counter', () => {
    const text = [
      '# TYPE copydesk_presence_broadcasts_total counter',
      'copydesk_presence_broadcasts_total{kind="entry"} 1500',
      'copydesk_presence_broadcasts_total{kind="left"} 3',
    ].join('\n');
    expect(parseSample(text, 'copydesk_presence_broadcasts_total{kind="entry"}')).toBe(1500);
    expect(parseSample(text, 'copydesk_presence_broadcasts_total{kind="left"}')).toBe(3);
    expect(parseSample(text, 'copydesk_presence_broadcasts_total')).toBeNull();
  });
});
