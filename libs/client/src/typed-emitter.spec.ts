import { describe, expect, it } from '@jest/globals';
import { TypedEmitter } from './typed-emitter.js';

class Probe extends TypedEmitter<{ ping: number; error: string }> {
  fire<E extends 'ping' | 'error'>(event: E, payload: { ping: number; error: string }[E]): void {
    this.emit(event, payload);
  }
}

describe('TypedEmitter', () => {
  it('calls listeners in order until they unsubscribe', () => {
    const probe = new Probe();
    const seen: string[] = [];
    const off = probe.on('ping', (n) => seen.push(`a${n}`));
    probe.on('ping', (n) => seen.push(`b${n}`));
    probe.fire('ping', 1);
    off();
    probe.fire('ping', 2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
  });

  it('runs a once listener a single time', () => {
    const probe = new Probe();
    const seen: number[] = [];
    probe.once('ping', (n) => seen.push(n));
    probe.fire('ping', 1);
    probe.fire('ping', 2);
    expect(seen).toEqual([1]);
    expect(probe.listenerCount('ping')).toBe(0);
  });

  it('drops an error nobody listens to instead of throwing', () => {
    expect(() => new Probe().fire('error', 'LOCKED')).not.toThrow();
  });

  it('does not call a listener added while an event is being delivered', () => {
    const probe = new Probe();
    const seen: string[] = [];
    probe.on('ping', () => {
      seen.push('first');
      probe.on('ping', () => seen.push('late'));
    });
    probe.fire('ping', 1);
    expect(seen).toEqual(['first']);
  });
});
