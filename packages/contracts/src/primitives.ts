import { Type, type Static } from '@sinclair/typebox';

/** ISO 3166-1 alpha-2 country + local code, e.g. IT-RM, CY-NIC. */
export const SiteCode = Type.String({ pattern: '^[A-Z]{2}-[A-Z0-9]{2,8}$', description: 'Site code: ISO 3166-1 alpha-2 country, dash, local code (IT-RM)' });
export const CountryCode = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code' });
export const ProgrammeCode = Type.String({ pattern: '^[A-Z][A-Z0-9_-]{1,15}$', description: 'Programme code (AMIL, AMIR, LIME, …)' });
export const IsoDate = Type.String({ format: 'date', description: 'Calendar date, YYYY-MM-DD' });
export const Uuid = Type.String({ format: 'uuid' });
export const LanguageCode = Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639-1/639-3 language code' });

export const SEXES = ['female', 'male', 'other', 'undisclosed'] as const;
export const Sex = Type.Union(SEXES.map((s) => Type.Literal(s)));
export type Sex = Static<typeof Sex>;

export const AGE_BANDS = ['18-24', '25-29', '30-39', '40-54', '55+'] as const;
export const AgeBand = Type.Union(AGE_BANDS.map((s) => Type.Literal(s)));
export type AgeBand = Static<typeof AgeBand>;

export const LEGAL_STATUSES = [
  'refugee',
  'asylum_seeker',
  'subsidiary_protection',
  'humanitarian_protection',
  'former_unaccompanied_minor',
  'other_tcn',
] as const;
export const LegalStatus = Type.Union(LEGAL_STATUSES.map((s) => Type.Literal(s)));
export type LegalStatus = Static<typeof LegalStatus>;

export const CEFR_LEVELS = ['pre-A1', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const CefrLevel = Type.Union(CEFR_LEVELS.map((s) => Type.Literal(s)));
export type CefrLevel = Static<typeof CefrLevel>;

/**
 * Age band from birth year at a reference date. Only the band leaves the beneficiaries
 * service, never the birth date. Under-18s (former unaccompanied minors enrolled early) fall in
 * the first band, as the ESF+ bands start at 18.
 */
export function ageBandOf(birthYear: number, onDate: string): AgeBand {
  const age = Number(onDate.slice(0, 4)) - birthYear;
  if (age < 25) return '18-24';
  if (age < 30) return '25-29';
  if (age < 40) return '30-39';
  if (age < 55) return '40-54';
  return '55+';
}
