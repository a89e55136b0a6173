import { decodeToken, isExpired, isKnownRole, parseDevTokens, readFragmentToken } from './token';

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const jwt = (payload: unknown) => `${b64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}.c2lnbmF0dXJl`;

describe('decodeToken', () => {
  it('reads role, sites, subject and expiry from the payload (display only)', () => {
    expect(decodeToken(jwt({ sub: 'u-1', role: 'site_staff', sites: ['IT-RM', 'CY-NIC'], exp: 2000000000 }))).toEqual({
      sub: 'u-1',
      role: 'site_staff',
      sites: ['IT-RM', 'CY-NIC'],
      exp: 2000000000,
    });
  });

  it('decodes base64url payloads with non-ASCII text', () => {
    // "Ελένη" needs multi-byte UTF-8 and yields '-' / '_' in base64url
    const claims = decodeToken(jwt({ sub: 'Ελένη ~~~???>>>', role: 'evaluator' }));
    expect(claims?.sub).toBe('Ελένη ~~~???>>>');
    expect(claims?.sites).toEqual([]);
    expect(claims?.exp).toBeNull();
  });

  it('refuses what is not a JWT with a role', () => {
    expect(decodeToken('hello')).toBeNull();
    expect(decodeToken('a.b')).toBeNull();
    expect(decodeToken(`x.${b64url('not json')}.y`)).toBeNull();
    expect(decodeToken(jwt({ sub: 'no-role' }))).toBeNull();
    expect(decodeToken(jwt(['role']))).toBeNull();
  });

  it('tolerates surrounding whitespace from a paste', () => {
    expect(decodeToken(`  ${jwt({ role: 'admin' })}\n`)?.role).toBe('admin');
  });
});

describe('isExpired', () => {
  it('compares exp (seconds) with now (milliseconds)', () => {
    const claims = { sub: null, role: 'admin', sites: [], exp: 1000 };
    expect(isExpired(claims, 999_000)).toBe(false);
    expect(isExpired(claims, 1_000_000)).toBe(true);
    expect(isExpired({ ...claims, exp: null }, Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});

describe('readFragmentToken', () => {
  it('takes #token=… and leaves the rest of the fragment', () => {
    const token = jwt({ role: 'consortium_lead' });
    expect(readFragmentToken(`#token=${token}`)).toEqual({ token, remainingHash: '' });
    expect(readFragmentToken(`#token=${token}&section=chart`)).toEqual({ token, remainingHash: '#section=chart' });
  });

  it('ignores fragments without a token', () => {
    expect(readFragmentToken('')).toBeNull();
    expect(readFragmentToken('#')).toBeNull();
    expect(readFragmentToken('#main')).toBeNull();
    expect(readFragmentToken('#token=')).toBeNull();
  });
});

describe('parseDevTokens', () => {
  it('keeps well-formed entries of /dev/tokens.json', () => {
    expect(
      parseDevTokens([
        { role: 'consortium_lead', sites: [], token: 't1' },
        { role: 'site_staff', sites: ['IT-RM'], token: 't2' },
        { role: 'evaluator', token: 't3' },
        { role: 'broken' },
        'junk',
      ]),
    ).toEqual([
      { role: 'consortium_lead', sites: [], token: 't1' },
      { role: 'site_staff', sites: ['IT-RM'], token: 't2' },
      { role: 'evaluator', sites: [], token: 't3' },
    ]);
    expect(parseDevTokens({ not: 'a list' })).toBeNull();
  });

  it('knows the contract roles', () => {
    expect(['admin', 'consortium_lead', 'evaluator', 'site_staff'].every(isKnownRole)).toBe(true);
    expect(isKnownRole('root')).toBe(false);
  });
});
