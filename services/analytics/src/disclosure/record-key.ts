import { createHash } from 'node:crypto';

/**
 * Record keys of the cell-key method: each person's is a keyed hash (SipHash-2-4, ClickHouse
 * `sipHash64Keyed`) of their pseudonymous id, reduced to [0, 2^32). Derived in the query from a
 * secret that never leaves this service, so nobody who knows beneficiary ids can work out a cell's
 * key, and stable as long as the secret is, so the same people keep the same figure.
 */
export interface RecordKeySecret {
  /** The two 64-bit halves of the SipHash key, as decimal strings (ClickHouse UInt64 parameters). */
  k0: string;
  k1: string;
  /** true when no MEIC_CKM_KEY was given (development only; production refuses to start). */
  development: boolean;
}

export function recordKeySecret(configured: string | undefined): RecordKeySecret {
  const secret = configured ?? 'meic-development-cell-key-secret';
  const digest = createHash('sha256').update(secret, 'utf8').digest();
  return { k0: digest.readBigUInt64LE(0).toString(), k1: digest.readBigUInt64LE(8).toString(), development: configured === undefined };
}

/** SQL for the record key of `idColumn`, with the parameters it binds. */
export function recordKeySql(secret: RecordKeySecret, idColumn: string): { sql: string; params: Record<string, string> } {
  return { sql: `(sipHash64Keyed(({rk0:UInt64}, {rk1:UInt64}), ${idColumn}) % 4294967296)`, params: { rk0: secret.k0, rk1: secret.k1 } };
}
