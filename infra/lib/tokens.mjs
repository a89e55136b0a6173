// @ts-check
/** Development signing keys and JWTs, shared by `npm start`, `npm run token` and the tests. */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { JWT } from './settings.mjs';

const SITE_CODE = /^[A-Z]{2}-[A-Z0-9]{2,10}$/;
const TTL = /^\d+\s*(s|m|h|d|w)$/;

/** @typedef {{ privateKeyFile: string, publicKeyFile: string }} KeyFiles */

/**
 * Creates an Ed25519 key pair in `dir` unless one is there already.
 * @param {string} dir
 * @returns {KeyFiles & { created: boolean }}
 */
export function ensureKeyPair(dir) {
  const privateKeyFile = path.join(dir, 'private.pem');
  const publicKeyFile = path.join(dir, 'public.pem');
  if (fs.existsSync(privateKeyFile) && fs.existsSync(publicKeyFile)) {
    return { privateKeyFile, publicKeyFile, created: false };
  }
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(privateKeyFile, privateKey, { mode: 0o600 });
  fs.writeFileSync(publicKeyFile, publicKey, { mode: 0o644 });
  return { privateKeyFile, publicKeyFile, created: true };
}

export class TokenRequestError extends Error {}

/**
 * @typedef {object} TokenRequest
 * @property {string} role
 * @property {readonly string[]} [sites]
 * @property {string} [sub]
 * @property {string} [ttl] e.g. 30m, 12h, 7d
 */

/**
 * Checks a request against the contract: a known role, well-formed site codes, and sites for site_staff.
 * @param {TokenRequest} request
 * @returns {Required<TokenRequest>}
 */
export function validateTokenRequest({ role, sites = [], sub, ttl = JWT.defaultTtl }) {
  if (!JWT.roles.includes(role) && role !== JWT.serviceRole) {
    throw new TokenRequestError(`unknown role "${role}"; expected one of: ${[...JWT.roles, JWT.serviceRole].join(', ')}`);
  }
  if (role === JWT.serviceRole && !sub) {
    throw new TokenRequestError('role service needs --sub naming the calling service, e.g. --sub svc-trainings');
  }
  const bad = sites.filter((site) => !SITE_CODE.test(site));
  if (bad.length > 0) {
    throw new TokenRequestError(`invalid site code(s): ${bad.join(', ')} (expected e.g. IT-RM, CY-NIC)`);
  }
  if (role === 'site_staff' && sites.length === 0) {
    throw new TokenRequestError('role site_staff needs --sites, e.g. --sites IT-RM,CY-NIC');
  }
  if (!TTL.test(ttl)) {
    throw new TokenRequestError(`invalid --ttl "${ttl}" (expected e.g. 30m, 12h, 7d)`);
  }
  return { role, sites: [...new Set(sites)], sub: sub || `dev-${role.replace(/_/g, '-')}`, ttl };
}

/**
 * Signs a development JWT (EdDSA) with claims sub, role, sites, iss, aud, iat, exp.
 * jose is loaded lazily so that this module can be imported before `npm ci`.
 * @param {TokenRequest} request
 * @param {string} privateKeyFile
 */
export async function signToken(request, privateKeyFile) {
  const { role, sites, sub, ttl } = validateTokenRequest(request);
  const { SignJWT, importPKCS8 } = await import('jose');
  const key = await importPKCS8(fs.readFileSync(privateKeyFile, 'utf8'), JWT.algorithm);
  return new SignJWT({ role, sites })
    .setProtectedHeader({ alg: JWT.algorithm, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(JWT.issuer)
    .setAudience(JWT.audience)
    .setIssuedAt()
    .setExpirationTime(ttl.replace(/\s+/g, ''))
    .sign(key);
}

/**
 * One development token per role, as the dashboard's sign-in page and the start-up banner show them.
 * @param {string} privateKeyFile
 * @returns {Promise<{ role: string, sites: string[], token: string }[]>}
 */
export async function devTokens(privateKeyFile) {
  return Promise.all(
    JWT.roles.map(async (role) => {
      const sites = role === 'site_staff' ? [...JWT.devSites] : [];
      const token = await signToken({ role, sites, ttl: JWT.devTokenTtl }, privateKeyFile);
      return { role, sites, token };
    }),
  );
}

/**
 * Writes the own token of each process that calls another service on its own behalf
 * (`beneficiaryPeer`, `erasurePeers` in APP_PROCESSES), where processEnv points it (MEIC_SERVICE_TOKEN_FILE).
 * @param {string} privateKeyFile
 * @param {readonly { name: string, beneficiaryPeer?: boolean, erasurePeers?: boolean }[]} processes
 * @param {(service: string) => string} fileOf
 */
export async function writeServiceTokens(privateKeyFile, processes, fileOf) {
  for (const proc of processes.filter((p) => p.beneficiaryPeer || p.erasurePeers)) {
    const token = await signToken({ role: JWT.serviceRole, sub: `svc-${proc.name}`, ttl: JWT.serviceTokenTtl }, privateKeyFile);
    fs.mkdirSync(path.dirname(fileOf(proc.name)), { recursive: true, mode: 0o700 });
    fs.writeFileSync(fileOf(proc.name), `${token}\n`, { mode: 0o600 });
  }
}
