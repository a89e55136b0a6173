/** Calendar dates travel as `YYYY-MM-DD` and are stored as PostgreSQL DATE (midnight UTC in JS). */
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

export const dateOf = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** ISO dates compare correctly as strings; this names the intent. */
export const isBefore = (a: string, b: string): boolean => a < b;
