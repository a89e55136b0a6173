/** Smallest count published to roles other than site_staff (MEIC_MIN_CELL). */
export const MIN_CELL = Symbol('MIN_CELL');
