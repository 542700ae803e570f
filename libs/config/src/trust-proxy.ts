import { isIP } from 'node:net';
import type { TrustProxy } from './config.types.js';
import type { EnvReader } from './env-reader.js';

/** The ranges Express (proxy-addr) knows by name. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];
const MAX_HOPS = 32;

/**
 * TRUST_PROXY: `false` (the default: X-Forwarded-For is ignored), `true` (any peer: only when
 * nothing but the proxy can reach the server), a hop count, or a comma list of addresses, CIDR
 * blocks and named ranges. Checked here so a typo stops the start instead of trusting nobody.
 */
export function readTrustProxy(read: EnvReader): TrustProxy {
  const raw = read.string('TRUST_PROXY');
  if (raw === null || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops <= MAX_HOPS) return hops;
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isTrustedPeer(entry));
  if (bad.length > 0) {
    read.problems.push(
      `TRUST_PROXY must be false, true, a hop count up to ${MAX_HOPS}, or a comma list of addresses, CIDR blocks and ${NAMED_RANGES.join(', ')} (not ${bad.map((entry) => `"${entry}"`).join(', ')})`,
    );
    return false;
  }
  return entries;
}

function isTrustedPeer(entry: string): boolean {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
