/**
 * A workflow history as text a person (or a scan) can read: every payload's data decoded from
 * the base64 or bytes Temporal keeps it in, so an id or a name in an input or result shows as
 * itself.
 */
export function temporalHistoryText(history: unknown): string {
  return JSON.stringify(decodePayloads(history));
}

function decodePayloads(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (Array.isArray(value)) return value.map(decodePayloads);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const isPayload = 'metadata' in o && 'data' in o;
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => {
      if (isPayload && k === 'data' && typeof v === 'string') return [k, Buffer.from(v, 'base64').toString('utf8')];
      if (k === 'metadata' && isPayload && v && typeof v === 'object') {
        return [k, Object.fromEntries(Object.entries(v).map(([mk, mv]) => [mk, typeof mv === 'string' ? Buffer.from(mv, 'base64').toString('utf8') : decodePayloads(mv)]))];
      }
      return [k, decodePayloads(v)];
    }),
  );
}
