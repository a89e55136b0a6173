import { decodeCursor, problems } from '@meic/service-kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The keyset of lists ordered by creation: (createdAt, id), both ascending. */
export interface CreatedKey {
  createdAt: string;
  id: string;
  [k: string]: string;
}

export const createdKeyOf = (row: { createdAt: Date; id: string }): CreatedKey => ({ createdAt: row.createdAt.toISOString(), id: row.id });

/** Decodes `?cursor=`; a cursor that is not ours is a 400 naming /cursor. */
export function decodeCreatedCursor(cursor: string | undefined): CreatedKey | undefined {
  const key = decodeCursor<CreatedKey>(cursor, ['createdAt', 'id']);
  if (key && (typeof key.createdAt !== 'string' || Number.isNaN(Date.parse(key.createdAt)) || !UUID.test(String(key.id)))) {
    throw problems.validation([{ path: '/cursor', message: 'is not a cursor this endpoint issued' }]);
  }
  return key;
}

/** Rows strictly after the cursor in (createdAt, id) order, as a Prisma where fragment. */
export function afterCreated(key: CreatedKey | undefined): { OR?: ({ createdAt: { gt: Date } } | { createdAt: Date; id: { gt: string } })[] } {
  if (!key) return {};
  const at = new Date(key.createdAt);
  return { OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: key.id } }] };
}

export const createdOrder = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];
