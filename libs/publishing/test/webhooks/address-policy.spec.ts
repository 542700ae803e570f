import { describe, expect, it } from '@jest/globals';
import { AddressPolicy, isPublicAddress, problemWithForm, type Resolver } from '#publishing';

const NOT_PUBLIC = [
  ['loopback', '127.0.0.1'],
  ['loopback, anywhere in 127/8', '127.255.0.9'],
  ['IPv6 loopback', '::1'],
  ['10/8', '10.20.30.40'],
  ['172.16/12, its start', '172.16.0.1'],
  ['172.16/12, its end', '172.31.255.254'],
  ['192.168/16', '192.168.1.1'],
  ['link-local (cloud metadata)', '169.254.169.254'],
  ['unique-local fc00::/7', 'fc00::1'],
  ['unique-local fd00::/8', 'fd12:3456::1'],
  ['IPv6 link-local fe80::/10', 'fe80::1'],
  ['IPv6 link-local with a zone', 'fe80::1%eth0'],
  ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
  ['IPv4-mapped private', '::ffff:10.0.0.1'],
  ['unspecified', '0.0.0.0'],
  ['IPv6 unspecified', '::'],
  ['CGNAT 100.64/10', '100.64.0.1'],
  ['CGNAT, its end', '100.127.255.254'],
  ['multicast', '224.0.0.251'],
  ['IPv6 multicast', 'ff02::1'],
  ['broadcast', '255.255.255.255'],
  ['reserved 240/4', '240.0.0.1'],
  ['documentation', '192.0.2.10'],
  ['benchmarking 198.18/15', '198.18.0.1'],
  ['IPv6 documentation', '2001:db8::1'],
  ['NAT64 of a private address', '64:ff9b::a00:1'],
  ['6to4', '2002:7f00:1::1'],
  ['not an address', 'localhost'],
];

const PUBLIC = ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'];

/** A resolver that knows a few names, as DNS would answer them. */
const names: Record<string, string[]> = {
  'hooks.example': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'sneaky.example': ['93.184.215.14', '10.0.0.7'],
  'localhost.example': ['127.0.0.1'],
  'mapped.example': ['::ffff:192.168.0.1'],
};
const resolve: Resolver = async (host) => {
  const found = names[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found;
};
const strictPolicy = new AddressPolicy({ allowPrivateAddresses: false, resolve });
const openPolicy = new AddressPolicy({
  allowPrivateAddresses: true,
  resolve: () => Promise.reject(new Error('must not resolve when private addresses are allowed')),
});

describe('the webhook address policy', () => {
  it.each(NOT_PUBLIC)('refuses %s (%s)', (_name, address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(PUBLIC)('allows the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['ftp://hooks.example/x', 'must be an http or https URL'],
    ['file:///etc/passwd', 'must be an http or https URL'],
    ['javascript:alert(1)', 'must be an http or https URL'],
    ['hooks.example/x', 'must be an absolute URL'],
    ['https://user:pass@hooks.example/x', 'must not carry a user name or password'],
    ['https://token@hooks.example/x', 'must not carry a user name or password'],
    [`https://hooks.example/${'a'.repeat(2_048)}`, 'must be at most 2048 characters'],
  ])('refuses the URL %s whatever the address', async (url, why) => {
    expect(problemWithForm(url)).toBe(why);
    expect(await strictPolicy.problemWith(url)).toBe(why);
    expect(await openPolicy.problemWith(url)).toBe(why);
  });

  it('allows http(s) URLs of public hosts, by name or address', async () => {
    for (const url of ['https://hooks.example/copydesk?x=1', 'http://hooks.example:8080/', 'https://8.8.8.8/hook']) {
      expect(await strictPolicy.problemWith(url)).toBeNull();
    }
    expect(await strictPolicy.problemWith('https://[2606:4700:4700::1111]/hook')).toBeNull();
  });

  it('refuses private hosts by address, by any of their names’ addresses, or when they do not resolve', async () => {
    expect(await strictPolicy.problemWith('http://127.0.0.1:3000/')).toMatch(/127\.0\.0\.1, which is not a public/);
    expect(await strictPolicy.problemWith('http://[::1]/')).toMatch(/::1, which is not a public/);
    expect(await strictPolicy.problemWith('http://[::ffff:127.0.0.1]/')).toMatch(/not a public address/);
    // WHATWG URLs read these as 127.0.0.1 too.
    expect(await strictPolicy.problemWith('http://2130706433/')).toMatch(/127\.0\.0\.1/);
    expect(await strictPolicy.problemWith('http://0x7f.1/')).toMatch(/127\.0\.0\.1/);
    expect(await strictPolicy.problemWith('https://sneaky.example/')).toMatch(/10\.0\.0\.7/);
    expect(await strictPolicy.problemWith('https://localhost.example/')).toMatch(/127\.0\.0\.1/);
    expect(await strictPolicy.problemWith('https://mapped.example/')).toMatch(/::ffff:192\.168\.0\.1/);
    expect(await strictPolicy.problemWith('https://nowhere.example/')).toBe(
      'the host nowhere.example does not resolve',
    );
  });

  it('lets private addresses through only when the operator allows them', async () => {
    expect(await openPolicy.problemWith('http://127.0.0.1:3000/')).toBeNull();
    expect(await openPolicy.problemWith('http://localhost/')).toBeNull();
    expect(openPolicy.connectLookup()).toBeNull();
    expect(openPolicy.literalProblem(new URL('http://10.0.0.1/'))).toBeNull();
    expect(strictPolicy.literalProblem(new URL('http://10.0.0.1/'))).toBe('10.0.0.1 is not a public address');
    expect(strictPolicy.literalProblem(new URL('http://hooks.example/'))).toBeNull();
  });

  it('checks at connect time what the name resolves to then', async () => {
    const lookup = strictPolicy.connectLookup()!;
    const outcome = await new Promise<{ error: NodeJS.ErrnoException | null }>((done) =>
      lookup('localhost', { all: true }, (error) => done({ error })),
    );
    expect(outcome.error).toMatchObject({
      code: 'ADDRESS_REFUSED',
      message: expect.stringMatching(/^localhost resolves to/),
    });
  });
});
