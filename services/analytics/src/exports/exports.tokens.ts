/** ExportOptions from config.ts. */
export const EXPORT_OPTIONS = Symbol('EXPORT_OPTIONS');

export interface ExportOptions {
  /** `{ key, development }` from config.ts `exportPseudonymKey`. */
  pseudonym: { key: string; development: boolean };
  /** k: every row of an extract shares its quasi-identifiers with at least k − 1 others (MEIC_EXPORT_MIN_CLASS). */
  minClassSize: number;
}
