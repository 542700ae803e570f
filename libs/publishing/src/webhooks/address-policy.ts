/**
 * Where webhooks may be sent (docs/webhooks.md, Addresses): http(s) URLs without credentials
 * whose host is an ordinary public unicast address. Loopback, private, link-local, unique-local,
 * CGNAT, multicast, unspecified, reserved and the like are refused unless the operator allows
 * private addresses, so an admin cannot point the server at itself or at its network. The check
 * runs when an endpoint is saved and again at every connect (the request's `lookup`), so a name
 * that later resolves elsewhere (DNS rebinding) is still refused.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

const MAX_URL_LENGTH = 2_048;

/** Resolves a host name to every address it has, as the connection would. */
export type Resolver = (hostname: string) => Promise<string[]>;

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses.map((a) => a.address)),
    ),
  );

/** IPv4-mapped IPv6 (`::ffff:127.0.0.1`) counts as the IPv4 address it carries. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** A URL's host as an address or name: `[::1]` is `::1`. */
function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

export class AddressRefusedError extends Error {
  readonly code = 'ADDRESS_REFUSED';
  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to ${address}, which is not a public address`);
  }
}

export interface AddressPolicyOptions {
  allowPrivateAddresses: boolean;
  /** The system's resolver when absent. */
  resolve?: Resolver;
}

export class AddressPolicy {
  private readonly resolve: Resolver;

  constructor(private readonly options: AddressPolicyOptions) {
    this.resolve = options.resolve ?? systemResolver;
  }

  /** Why the URL may not receive webhooks, or null when it may. */
  async problemWith(raw: string): Promise<string | null> {
    const form = problemWithForm(raw);
    if (form !== null || this.options.allowPrivateAddresses) return form;
    const host = hostOf(new URL(raw));
    let addresses: string[];
    try {
      addresses = isIP(host) ? [host] : await this.resolve(host);
    } catch {
      return `the host ${host} does not resolve`;
    }
    const refused = addresses.find((address) => !isPublicAddress(address));
    if (refused !== undefined) return `the host ${host} resolves to ${refused}, which is not a public address`;
    return addresses.length === 0 ? `the host ${host} does not resolve` : null;
  }

  /** Why an attempt may not connect to this URL's host as written (an address literal), or null. */
  literalProblem(url: URL): string | null {
    const host = hostOf(url);
    if (this.options.allowPrivateAddresses || !isIP(host) || isPublicAddress(host)) return null;
    return `${host} is not a public address`;
  }

  /**
   * The `lookup` of an attempt's request: resolves as usual and fails the connection with
   * AddressRefusedError when any address is not public. (Node skips it for address literals:
   * `literalProblem` covers those.) Null when private addresses are allowed.
   */
  connectLookup(): LookupFunction | null {
    if (this.options.allowPrivateAddresses) return null;
    return (hostname, options: LookupOptions, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
        if (error) return callback(error, '', 0);
        const refused = addresses.find((a) => !isPublicAddress(a.address));
        if (refused || addresses.length === 0) {
          return callback(new AddressRefusedError(hostname, refused?.address ?? 'nothing'), '', 0);
        }
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    };
  }
}

/** The URL's form alone: absolute http(s), no user or password, not absurdly long. */
export function problemWithForm(raw: string): string | null {
  if (raw.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  if (url.hostname === '') return 'must name a host';
  return null;
}
