import { createHash, createHmac } from 'node:crypto';
import { hmacPads, pseudonymOf } from './export-pseudonym';

/** SHA256(opad ‖ SHA256(ipad ‖ m)): the expression the export query evaluates. */
function viaPads(key: string, message: string): string {
  const { ipad, opad } = hmacPads(key);
  const inner = createHash('sha256').update(Buffer.concat([Buffer.from(ipad, 'hex'), Buffer.from(message, 'utf8')])).digest();
  return createHash('sha256').update(Buffer.concat([Buffer.from(opad, 'hex'), inner])).digest('hex');
}

describe('export pseudonyms', () => {
  const id = '0b6f7c1e-2a34-4d5e-8f90-123456789abc';

  it('computed from the pads equal HMAC-SHA256, for short keys and keys longer than the block', () => {
    for (const key of ['k'.repeat(32), 'a much longer key '.repeat(10)]) {
      expect(viaPads(key, id)).toBe(createHmac('sha256', key).update(id).digest('hex'));
    }
  });

  it('pads a key to the 64-byte block with 0x36 and 0x5c', () => {
    // key "A" = 0x41: 0x41 ^ 0x36 = 0x77, 0x41 ^ 0x5c = 0x1d; the 63 zero bytes become 0x36 / 0x5c
    const { ipad, opad } = hmacPads('A');
    expect(ipad).toBe(`77${'36'.repeat(63)}`);
    expect(opad).toBe(`1d${'5c'.repeat(63)}`);
  });

  it('are 16 hex characters, stable for a key and different under another key', () => {
    const a = pseudonymOf('k'.repeat(32), id);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(pseudonymOf('k'.repeat(32), id)).toBe(a);
    expect(pseudonymOf('j'.repeat(32), id)).not.toBe(a);
  });
});
