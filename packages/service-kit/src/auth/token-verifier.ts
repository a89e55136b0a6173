import { readFileSync } from 'node:fs';
import { createRemoteJWKSet, importSPKI, jwtVerify, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { isRole, type Principal } from './principal';

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  publicKeyPem?: string;
  publicKeyFile?: string;
  jwksUrl?: string;
}

export class InvalidTokenError extends Error {}

const ALGORITHMS = ['EdDSA', 'ES256', 'RS256'];

/**
 * Verifies bearer tokens against a configured public key or JWKS. Services hold verifying
 * keys only: signing happens in the identity provider (or, locally, `npm run token`).
 */
export class TokenVerifier {
  private key: Promise<KeyLike | Uint8Array> | JWTVerifyGetKey;

  constructor(private readonly options: TokenVerifierOptions) {
    if (options.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl));
    } else {
      const pem = options.publicKeyPem ?? (options.publicKeyFile ? readFileSync(options.publicKeyFile, 'utf8') : undefined);
      if (!pem) throw new Error('TokenVerifier needs a public key or a JWKS URL');
      const alg = guessAlg(pem);
      this.key = importSPKI(pem, alg);
    }
  }

  async verify(token: string): Promise<Principal> {
    let payload: Record<string, unknown>;
    try {
      const key = this.key;
      const result =
        typeof key === 'function'
          ? await jwtVerify(token, key, { issuer: this.options.issuer, audience: this.options.audience, algorithms: ALGORITHMS })
          : await jwtVerify(token, await key, { issuer: this.options.issuer, audience: this.options.audience, algorithms: ALGORITHMS });
      payload = result.payload;
    } catch (e) {
      throw new InvalidTokenError((e as Error).message);
    }
    const { sub, role, sites } = payload;
    if (typeof sub !== 'string' || sub === '') throw new InvalidTokenError('token has no subject');
    if (!isRole(role)) throw new InvalidTokenError(`token role '${String(role)}' is not one of admin, consortium_lead, evaluator, site_staff, service`);
    const siteList = Array.isArray(sites) ? sites.filter((s): s is string => typeof s === 'string') : [];
    if (role === 'site_staff' && siteList.length === 0) throw new InvalidTokenError('a site_staff token must name its sites');
    return { sub, role, sites: role === 'site_staff' ? siteList : [] };
  }
}

function guessAlg(pem: string): string {
  // Ed25519 SPKI keys are 44 bytes of DER; RSA keys are far longer. EC P-256 sits between.
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  if (der.length <= 44) return 'EdDSA';
  if (der.length <= 91) return 'ES256';
  return 'RS256';
}
