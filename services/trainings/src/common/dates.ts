/** Dates travel as ISO `YYYY-MM-DD` and are stored as PostgreSQL DATE (midnight UTC in JS). */
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
export const asDate = (s: string): Date => new Date(`${s}T00:00:00Z`);
/** The UTC date of a moment: occurredOn of facts that have no business date of their own. */
export const todayUtc = (now: Date = new Date()): string => isoDate(now);
