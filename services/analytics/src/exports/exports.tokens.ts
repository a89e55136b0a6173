/** `{ key, development }` from config.ts `exportPseudonymKey`. */
export const EXPORT_PSEUDONYM_KEY = Symbol('EXPORT_PSEUDONYM_KEY');
