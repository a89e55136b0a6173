import { problems } from '../problems/problem';

/**
 * Calendar dates travel as the contract's `YYYY-MM-DD` and are stored as PostgreSQL DATE,
 * which Prisma reads and writes as midnight UTC.
 */

/** A DATE column (or any moment) as `YYYY-MM-DD`, in UTC. */
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** A `YYYY-MM-DD` as the UTC midnight Prisma stores in a DATE column. */
export const asDate = (s: string): Date => new Date(`${s}T00:00:00Z`);

/** The UTC date of a moment (now by default): occurredOn of facts without a business date of their own. */
export const utcDate = (at: Date = new Date()): string => isoDate(at);

/** ISO dates compare correctly as strings; this names the intent. */
export const isBefore = (a: string, b: string): boolean => a < b;

/**
 * Order rules between dates (a placement cannot start before enrolment, …): a 400 naming the
 * field when `value` is before `reference`; the same day is allowed.
 */
export function requireNotBefore(value: string, reference: string, path: string, what: string): void {
  if (isBefore(value, reference)) throw problems.validation([{ path, message: `must not be before ${what} (${reference})` }]);
}
