/** The disclosure layer's parameters (DisclosureOptions). */
export const DISCLOSURE_OPTIONS = Symbol('DISCLOSURE_OPTIONS');
