import { Type, type ObjectOptions, type Static, type TProperties } from '@sinclair/typebox';

/** An object schema that refuses fields it does not name: every REST body and query of the platform. */
export const Closed = <P extends TProperties>(properties: P, options: ObjectOptions = {}) => Type.Object(properties, { ...options, additionalProperties: false });

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

export const ORGANISATION_TYPES = [
  'employer_association',
  'vet_provider',
  'public_employment_service',
  'local_authority',
  'enterprise',
  'chamber_of_commerce',
  'trade_union',
  'civil_society_org',
  'migrant_association',
  'university',
] as const;
export const OrganisationType = Type.Union(ORGANISATION_TYPES.map((s) => Type.Literal(s)));
export type OrganisationType = Static<typeof OrganisationType>;

export const COURSE_TYPES = [
  'l2_language',
  'vocational_training',
  'company_training',
  'entrepreneurship_lab',
  'soft_skills',
  'digital_skills',
  'financial_literacy',
  'housing_orientation',
] as const;
export const CourseType = Type.Union(COURSE_TYPES.map((s) => Type.Literal(s)));
export type CourseType = Static<typeof CourseType>;

export const COURSE_OUTCOMES = ['completed', 'failed', 'withdrawn'] as const;
export const CourseOutcome = Type.Union(COURSE_OUTCOMES.map((s) => Type.Literal(s)));
export type CourseOutcome = Static<typeof CourseOutcome>;

export const INTERNSHIP_OUTCOMES = ['completed', 'interrupted', 'hired'] as const;
export const InternshipOutcome = Type.Union(INTERNSHIP_OUTCOMES.map((s) => Type.Literal(s)));
export type InternshipOutcome = Static<typeof InternshipOutcome>;

export const CONTRACT_TYPES = ['permanent', 'fixed_term', 'apprenticeship', 'self_employment', 'seasonal'] as const;
export const ContractType = Type.Union(CONTRACT_TYPES.map((s) => Type.Literal(s)));
export type ContractType = Static<typeof ContractType>;

export const MENTORING_AREAS = ['work', 'housing', 'financial_literacy'] as const;
export const MentoringArea = Type.Union(MENTORING_AREAS.map((s) => Type.Literal(s)));
export type MentoringArea = Static<typeof MentoringArea>;

/** Barriers found in a needs assessment (domain.md); coarse categories, never free text. */
export const BARRIERS = ['housing', 'childcare', 'documents', 'health', 'language', 'transport', 'digital', 'other'] as const;
export const Barrier = Type.Union(BARRIERS.map((s) => Type.Literal(s)));
export type Barrier = Static<typeof Barrier>;

/** Activities an assessment can recommend: the course types plus the other pathway steps. */
export const RECOMMENDED_ACTIVITIES = [...COURSE_TYPES, 'orientation', 'internship', 'job_placement', 'peer_mentoring'] as const;
export const RecommendedActivity = Type.Union(RECOMMENDED_ACTIVITIES.map((s) => Type.Literal(s)));
export type RecommendedActivity = Static<typeof RecommendedActivity>;

/** Why a person left the pathway early; categories only, as a free-text reason could identify them. */
export const DROPOUT_REASONS = ['found_work_independently', 'moved_away', 'health', 'family_care', 'lost_contact', 'no_longer_eligible', 'not_interested', 'other'] as const;
export const DropoutReason = Type.Union(DROPOUT_REASONS.map((s) => Type.Literal(s)));
export type DropoutReason = Static<typeof DropoutReason>;

/**
 * What of a barrier or a drop-out reason may leave the beneficiaries service (domain.md "Personal
 * data"). Health is a special category (GDPR art. 9) and never travels, not even as a code: it
 * travels merged with "other" as `personal_or_other`, so no event, and nothing built from events,
 * can tell the two apart. The service keeps the exact category in the person's record.
 */
export const PERSONAL_OR_OTHER = 'personal_or_other';
export const EVENT_BARRIERS = ['housing', 'childcare', 'documents', 'language', 'transport', 'digital', PERSONAL_OR_OTHER] as const;
export const EventBarrier = Type.Union(EVENT_BARRIERS.map((s) => Type.Literal(s)));
export type EventBarrier = Static<typeof EventBarrier>;
export const EVENT_DROPOUT_REASONS = ['found_work_independently', 'moved_away', 'family_care', 'lost_contact', 'no_longer_eligible', 'not_interested', PERSONAL_OR_OTHER] as const;
export const EventDropoutReason = Type.Union(EVENT_DROPOUT_REASONS.map((s) => Type.Literal(s)));
export type EventDropoutReason = Static<typeof EventDropoutReason>;

const MERGED_INTO_PERSONAL_OR_OTHER: ReadonlySet<string> = new Set(['health', 'other']);

/** The barriers as an event carries them: health and other as one code, each code once, in order. */
export function eventBarriersOf(barriers: readonly Barrier[]): EventBarrier[] {
  return [...new Set(barriers.map((b) => (MERGED_INTO_PERSONAL_OR_OTHER.has(b) ? PERSONAL_OR_OTHER : b) as EventBarrier))];
}

/** The drop-out reason as an event carries it: health and other as one code. */
export function eventDropoutReasonOf(reason: DropoutReason): EventDropoutReason {
  return (MERGED_INTO_PERSONAL_OR_OTHER.has(reason) ? PERSONAL_OR_OTHER : reason) as EventDropoutReason;
}

/** NACE Rev. 2 section letter. */
export const NaceSection = Type.String({ pattern: '^[A-U]$', description: 'NACE Rev. 2 section (A–U)' });

export const PATHWAY_STAGES = ['intake', 'orientation', 'assessment', 'training', 'internship', 'job_search', 'employed', 'follow_up', 'closed', 'dropped_out'] as const;
export const PathwayStage = Type.Union(PATHWAY_STAGES.map((s) => Type.Literal(s)));
export type PathwayStage = Static<typeof PathwayStage>;

export const TASK_KINDS = ['assessment_overdue', 'first_activity_overdue', 'pathway_stalled', 'follow_up_due', 'internship_end_overdue'] as const;
export const TaskKind = Type.Union(TASK_KINDS.map((s) => Type.Literal(s)));
export type TaskKind = Static<typeof TaskKind>;

/** Years a site's records are kept after its programme's end unless set otherwise: the EU funds' document retention. */
export const DEFAULT_RETENTION_YEARS = 5;
