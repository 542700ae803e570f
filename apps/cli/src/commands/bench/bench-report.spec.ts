import { describe, expect, it } from '@jest/globals';
import { formatTimeline } from './bench-report.js';
import type { SecondSummary } from './latency-stats.js';

const second = (n: number, p50: number, p99: number, max: number, count: number): SecondSummary => ({
  second: n,
  count,
  p50,
  p95: p99,
  p99,
  max,
});

describe('formatTimeline', () => {
  it('prints a line a second with both latencies in fixed columns, however wide the figures', () => {
    const lines = formatTimeline({
      propagationMs: [second(0, 9, 50.7, 53.6, 692), second(13, 8.6, 67.4, 126.3, 819)],
      durableAckMs: [
        second(0, 14.7, 45.4, 52.3, 759),
        second(5, 19.9, 122.5, 122.7, 906),
        second(13, 1021.1, 2332.5, 2333, 9),
      ],
    });
    expect(lines).toHaveLength(5);
    const rows = lines.slice(2);
    expect(rows[0]).toMatch(
      /^ {6}0 s {6}9\.0 ms \/ 50\.7 ms \/ 53\.6 ms +n=692 +14\.7 ms \/ 45\.4 ms \/ 52\.3 ms +n=759$/,
    );
    // A second with acks but no propagation sample says so; wide figures keep a space before the count.
    expect(rows[1]).toMatch(/^ {6}5 s {6}no samples +19\.9 ms \/ 122\.5 ms \/ 122\.7 ms +n=906$/);
    expect(rows[2]).toMatch(/1021\.1 ms \/ 2332\.5 ms \/ 2333\.0 ms +n=9$/);
    // The durable ack column starts at the same place on every line, the heading's included.
    const column = lines[1]!.indexOf('durable ack');
    expect(rows.map((row) => row.slice(column, column + 3))).toEqual(['14.', '19.', '102']);
  });
});
