import { createHash, createHmac } from 'node:crypto';

/** Hex characters of the HMAC kept as the pseudonymous id (64 bits: no collisions in any cohort size we will see). */
export const PSEUDONYM_LENGTH = 16;

const BLOCK = 64;

/**
 * The inner and outer keys of HMAC-SHA256 (RFC 2104), hex-encoded, so that ClickHouse can compute
 * the HMAC of every row as SHA256(opad ‖ SHA256(ipad ‖ id)) while the export streams, with the
 * key passed as a query parameter and never stored.
 */
export function hmacPads(key: string): { ipad: string; opad: string } {
  let k = Buffer.from(key, 'utf8');
  if (k.length > BLOCK) k = createHash('sha256').update(k).digest();
  const block = Buffer.alloc(BLOCK);
  k.copy(block);
  return { ipad: Buffer.from(block.map((b) => b ^ 0x36)).toString('hex'), opad: Buffer.from(block.map((b) => b ^ 0x5c)).toString('hex') };
}

/** The pseudonym of one id, as the export computes it (for tests and for evaluators linking two extracts). */
export function pseudonymOf(key: string, person: string): string {
  return createHmac('sha256', key).update(person).digest('hex').slice(0, PSEUDONYM_LENGTH);
}
