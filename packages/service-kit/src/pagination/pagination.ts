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
