import { Type, type Static } from '@sinclair/typebox';
import { problems } from '../problems/problem';

/** `?limit=&cursor=` on every list endpoint; spread into the endpoint's query schema. */
export const pageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Page size (1–500, default 50)' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'nextCursor of the previous page' })),
};
export const PageQuery = Type.Object(pageQuery);
export type PageQuery = Static<typeof PageQuery>;

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}

/** A page envelope schema for OpenAPI. */
export const pageOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Optional(Type.String()) });

/** Keyset cursors: the sort key of the last row seen, opaque to clients. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<K extends Record<string, string | number>>(cursor: string | undefined, fields: readonly (keyof K & string)[]): K | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (fields.every((f) => typeof parsed[f] === 'string' || typeof parsed[f] === 'number')) return parsed as K;
  } catch {
    /* fall through */
  }
  throw problems.validation([{ path: '/cursor', message: 'is not a cursor this endpoint issued' }]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The keyset of lists ordered by creation, (createdAt, id) both ascending, as a cursor holds
 * it: the last row's creation time (ISO 8601) and its UUID.
 */
export interface CreatedKey {
  createdAt: string;
  id: string;
  [k: string]: string;
}

/**
 * The key of a row in creation order. `id` is the tie-breaker column's value: the row's own id,
 * or for a row keyed otherwise the UUID it is ordered by (see createdOrder).
 */
export const createdKeyOf = (row: { createdAt: Date; id: string }): CreatedKey => ({ createdAt: row.createdAt.toISOString(), id: row.id });

/**
 * Decodes `?cursor=` of a list in creation order. A cursor that decodes but holds no time or
 * no UUID is refused like any foreign cursor: a 400 naming /cursor.
 */
export function decodeCreatedCursor(cursor: string | undefined): CreatedKey | undefined {
  const key = decodeCursor<CreatedKey>(cursor, ['createdAt', 'id']);
  if (key && (typeof key.createdAt !== 'string' || Number.isNaN(Date.parse(key.createdAt)) || !UUID.test(String(key.id)))) {
    throw problems.validation([{ path: '/cursor', message: 'is not a cursor this endpoint issued' }]);
  }
  return key;
}

/** The Prisma `where` fragment of rows after a creation-order key. */
export type CreatedAfterWhere<F extends string = 'id'> = { OR?: ({ createdAt: { gt: Date } } | ({ createdAt: Date } & Record<F, { gt: string }>))[] };

/**
 * Rows strictly after the key in (createdAt, tie-breaker) order, as a Prisma `where` fragment
 * to spread or AND in; `{}` without a key. The tie-breaker column is `id` unless named.
 */
export function afterCreated<F extends string = 'id'>(key: CreatedKey | undefined, tieBreaker: F = 'id' as F): CreatedAfterWhere<NoInfer<F>> {
  if (!key) return {};
  const at = new Date(key.createdAt);
  return { OR: [{ createdAt: { gt: at } }, { createdAt: at, ...({ [tieBreaker]: { gt: key.id } } as Record<F, { gt: string }>) }] };
}

/** The Prisma `orderBy` of creation order: createdAt, then the tie-breaker column (`id` unless named). */
export const createdOrder = <F extends string = 'id'>(tieBreaker: F = 'id' as F): [{ createdAt: 'asc' }, Record<NoInfer<F>, 'asc'>] => [
  { createdAt: 'asc' },
  { [tieBreaker]: 'asc' } as Record<F, 'asc'>,
];

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only tells that there is more.
 * `keyOf` gives the keyset of a row (the same fields the repository sorts on).
 */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => Record<string, string | number>, view: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(view), ...(more && last !== undefined ? { nextCursor: encodeCursor(keyOf(last)) } : {}) };
}
