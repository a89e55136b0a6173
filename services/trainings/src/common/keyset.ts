import { decodeCursor, problems } from '@meic/service-kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cursor of lists ordered by (createdAt, id): the last row's creation time and its UUID. */
export type CreatedKey = { createdAt: string; id: string };

export interface CreatedAfter {
  createdAt: Date;
  id: string;
}

/** Decodes a cursor; one that decodes but holds no time or UUID is refused like any foreign cursor. */
export function decodeCreatedCursor(cursor: string | undefined): CreatedAfter | undefined {
  const key = decodeCursor<CreatedKey>(cursor, ['createdAt', 'id']);
  if (!key) return undefined;
  const createdAt = new Date(key.createdAt);
  if (Number.isNaN(createdAt.getTime()) || !UUID.test(key.id)) {
    throw problems.validation([{ path: '/cursor', message: 'is not a cursor this endpoint issued' }]);
  }
  return { createdAt, id: key.id };
}

export const createdKey = (createdAt: Date, id: string): CreatedKey => ({ createdAt: createdAt.toISOString(), id });
