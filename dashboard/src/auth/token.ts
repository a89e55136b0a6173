// Token handling without any key: the dashboard never verifies a signature (the
// analytics service does). It only decodes the payload to show who is signed in.

export const KNOWN_ROLES = ['admin', 'consortium_lead', 'evaluator', 'site_staff'] as const;
export type KnownRole = (typeof KNOWN_ROLES)[number];

export interface TokenClaims {
  sub: string | null;
  role: string;
  sites: string[];
  /** Expiry, seconds since the epoch, when the token has one. */
  exp: number | null;
}

export function isKnownRole(role: string): role is KnownRole {
  return (KNOWN_ROLES as readonly string[]).includes(role);
}

const JWT = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;

function base64UrlDecode(segment: string): string {
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Decodes the claims the UI shows, or null if `token` is not a JWT with a role. */
export function decodeToken(token: string): TokenClaims | null {
  const m = JWT.exec(token.trim());
  if (!m || !m[1]) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(base64UrlDecode(m[1]));
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  if (typeof p.role !== 'string' || p.role === '') return null;
  const sites = Array.isArray(p.sites) ? p.sites.filter((s): s is string => typeof s === 'string') : [];
  return {
    sub: typeof p.sub === 'string' ? p.sub : null,
    role: p.role,
    sites,
    exp: typeof p.exp === 'number' && Number.isFinite(p.exp) ? p.exp : null,
  };
}

export function isExpired(claims: TokenClaims, nowMs: number): boolean {
  return claims.exp !== null && claims.exp * 1000 <= nowMs;
}

export interface FragmentToken {
  token: string;
  /** The fragment with `token` removed ('' or '#rest'), to put back in the address bar. */
  remainingHash: string;
}

/** Reads `#token=<JWT>` (possibly among other fragment parameters). */
export function readFragmentToken(hash: string): FragmentToken | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return null;
  const params = new URLSearchParams(raw);
  const token = params.get('token');
  if (!token) return null;
  params.delete('token');
  const rest = params.toString();
  return { token: token.trim(), remainingHash: rest ? `#${rest}` : '' };
}

/** One entry of GET /dev/tokens.json. */
export interface DevToken {
  role: string;
  sites: string[];
  token: string;
}

export function parseDevTokens(body: unknown): DevToken[] | null {
  if (!Array.isArray(body)) return null;
  const out: DevToken[] = [];
  for (const item of body) {
    if (typeof item !== 'object' || item === null) continue;
    const o = item as Record<string, unknown>;
    if (typeof o.role !== 'string' || typeof o.token !== 'string') continue;
    const sites = Array.isArray(o.sites) ? o.sites.filter((s): s is string => typeof s === 'string') : [];
    out.push({ role: o.role, sites, token: o.token });
  }
  return out;
}
