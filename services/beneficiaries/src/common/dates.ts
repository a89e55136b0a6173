import { problems } from '@meic/service-kit';

/** A DATE column as the contract's `YYYY-MM-DD`. */
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** A `YYYY-MM-DD` as the UTC midnight Prisma stores in a DATE column. */
export const asDate = (s: string): Date => new Date(`${s}T00:00:00Z`);

/** The UTC date of a moment: occurredOn of facts without a business date of their own. */
export const utcDate = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * Order rules between dates (a placement cannot start before enrolment, …): a 400 naming the
 * field. ISO dates compare correctly as strings.
 */
export function requireNotBefore(value: string, reference: string, path: string, what: string): void {
  if (value < reference) throw problems.validation([{ path, message: `must not be before ${what} (${reference})` }]);
}
