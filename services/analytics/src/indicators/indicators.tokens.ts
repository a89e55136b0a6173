/** The validated indicator catalogue (indicator-catalogue.ts), loaded once at boot. */
export const INDICATOR_CATALOGUE = Symbol('INDICATOR_CATALOGUE');
