/**
 * Where a request came from, as the server sees it: recorded with sign-in sessions and security
 * events. The address is the socket's peer unless the app trusts a proxy to name the client.
 */
export interface ClientContext {
  address: string | null;
  userAgent: string | null;
}

/** The system (the CLI, the seed) or a caller whose request is not at hand. */
export const NO_CLIENT: ClientContext = { address: null, userAgent: null };

const MAX_USER_AGENT = 512;
const MAX_ADDRESS = 64;

/** Cuts what the client sent to a size worth storing; control characters go (they only garble logs). */
export function clientContext(address: string | undefined | null, userAgent: string | undefined | null): ClientContext {
  return { address: clean(address, MAX_ADDRESS), userAgent: clean(userAgent, MAX_USER_AGENT) };
}

function clean(value: string | undefined | null, max: number): string | null {
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const text = value.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, max);
  return text === '' ? null : text;
}
