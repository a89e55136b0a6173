import type { BeneficiariesPaths, BodyOf, StakeholdersPaths, TrainingsPaths } from '@meic/api-clients';

/**
 * The record types a site can import (contract "Site files and spreadsheet imports") and, for
 * each, its columns: the REST body's fields, nested ones dotted, lists `;`-separated, language
 * lists as `code:CEFR` pairs, plus the site's own references — `ref` for the person in a
 * beneficiaries file, `beneficiaryRef` in every later file, courses by `courseTitle`, cluster
 * organisations by name (`hostOrg`, `employerOrg`), mentors by `mentor` display name.
 *
 * `assessments` and `mentoring-matches` extend the contract's list: the demo programme and sites
 * that kept needs assessments or AMIR mentoring in spreadsheets import them the same way.
 */
export const RECORD_TYPES = ['beneficiaries', 'assessments', 'enrolments', 'completions', 'internships', 'placements', 'follow-ups', 'dropouts', 'mentoring-matches'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** The REST body each record type is written with (generated from the services' OpenAPI documents). */
interface RecordBodies {
  beneficiaries: BodyOf<BeneficiariesPaths, '/v1/beneficiaries'>;
  assessments: BodyOf<BeneficiariesPaths, '/v1/beneficiaries/{id}/assessments'>;
  enrolments: BodyOf<TrainingsPaths, '/v1/courses/{id}/enrolments'>;
  completions: BodyOf<TrainingsPaths, '/v1/courses/{id}/enrolments/{beneficiaryId}/completion'>;
  internships: BodyOf<TrainingsPaths, '/v1/internships'> & BodyOf<TrainingsPaths, '/v1/internships/{id}/end'>;
  placements: BodyOf<BeneficiariesPaths, '/v1/beneficiaries/{id}/placements'>;
  'follow-ups': BodyOf<BeneficiariesPaths, '/v1/beneficiaries/{id}/follow-ups'>;
  dropouts: BodyOf<BeneficiariesPaths, '/v1/beneficiaries/{id}/dropout'>;
  'mentoring-matches': BodyOf<StakeholdersPaths, '/v1/mentoring-matches'> & BodyOf<StakeholdersPaths, '/v1/mentoring-matches/{id}/end'>;
}

/** A body's field names, nested ones dotted (`person.givenName`); lists are one column. */
type DottedKeys<T> = {
  [K in keyof T & string]: NonNullable<T[K]> extends readonly unknown[] ? K : NonNullable<T[K]> extends object ? `${K}.${DottedKeys<NonNullable<T[K]>>}` : K;
}[keyof T & string];

/** The site's own references, resolved to ids before writing. */
type Reference = 'ref' | 'beneficiaryRef' | 'courseTitle' | 'hostOrg' | 'employerOrg' | 'mentor' | 'placementStartedOn';

export interface ColumnSpec<N extends string = string> {
  name: N;
  required: boolean;
  /** One line for the template's notes and for error messages. */
  description: string;
}

const col = <N extends string>(name: N, required: boolean, description: string): ColumnSpec<N> => ({ name, required, description });

const COLUMNS = {
  beneficiaries: [
    col('ref', true, "the site's own reference for the person (unique within the site)"),
    col('enrolledOn', true, 'date of enrolment, YYYY-MM-DD'),
    col('person.givenName', true, 'given name (stays in the beneficiaries service)'),
    col('person.familyName', true, 'family name (stays in the beneficiaries service)'),
    col('person.birthDate', true, 'birth date, YYYY-MM-DD (stays in the beneficiaries service)'),
    col('person.phone', false, 'phone number'),
    col('person.email', false, 'e-mail address'),
    col('sex', true, 'female, male, other or undisclosed'),
    col('citizenship', true, 'ISO 3166-1 alpha-2 country code, e.g. NG'),
    col('legalStatus', true, 'refugee, asylum_seeker, subsidiary_protection, humanitarian_protection, former_unaccompanied_minor or other_tcn'),
    col('arrivalYear', true, 'year of arrival in the country'),
    col('educationIsced', true, 'highest ISCED 2011 level, 0–8'),
    col('languages', false, 'code:CEFR pairs separated by ;, e.g. ar:C2;it:A2'),
    col('consent.dataProcessing', true, 'true: consent to data processing was given'),
    col('consent.evaluationFollowUp', true, 'true or false: consent to evaluation follow-up'),
    col('consent.recordedOn', true, 'date the consent was recorded, YYYY-MM-DD'),
  ],
  assessments: [
    col('beneficiaryRef', true, "the person's ref from the beneficiaries file"),
    col('assessedOn', true, 'date, YYYY-MM-DD'),
    col('skills', false, 'skills, ;-separated (free text, stays in the beneficiaries service)'),
    col('barriers', false, 'housing, childcare, documents, health, language, transport, digital, other; ;-separated'),
    col('recommendedActivities', false, 'recommended activities, ;-separated'),
  ],
  enrolments: [
    col('beneficiaryRef', true, "the person's ref"),
    col('courseTitle', true, 'title of a course of the site'),
    col('enrolledOn', true, 'date, YYYY-MM-DD'),
    col('cefrLevelAtStart', false, 'for L2 courses: A1…C2'),
  ],
  completions: [
    col('beneficiaryRef', true, "the person's ref"),
    col('courseTitle', true, 'title of a course the person is enrolled on'),
    col('outcome', true, 'completed, failed or withdrawn'),
    col('completedOn', true, 'date, YYYY-MM-DD'),
    col('hoursAttended', true, 'hours attended'),
    col('cefrLevelReached', false, 'for L2 courses: A1…C2'),
  ],
  internships: [
    col('beneficiaryRef', true, "the person's ref"),
    col('hostOrg', true, 'name of the host organisation in the site cluster'),
    col('startedOn', true, 'date, YYYY-MM-DD'),
    col('plannedEndOn', true, 'date, YYYY-MM-DD'),
    col('endedOn', false, 'date the internship ended, if it has'),
    col('outcome', false, 'completed, interrupted or hired (with endedOn)'),
  ],
  placements: [
    col('beneficiaryRef', true, "the person's ref"),
    col('employerOrg', false, 'name of the employer in the site cluster (or employerName)'),
    col('employerName', false, 'employer outside the cluster (stays in the beneficiaries service)'),
    col('contractType', true, 'permanent, fixed_term, apprenticeship, self_employment or seasonal'),
    col('hoursPerWeek', true, 'hours per week'),
    col('naceSector', true, 'NACE section letter, A–U'),
    col('startedOn', true, 'date, YYYY-MM-DD'),
  ],
  'follow-ups': [
    col('beneficiaryRef', true, "the person's ref"),
    col('placementStartedOn', false, 'start date of the placement followed up (default: the latest one)'),
    col('monthsAfterPlacement', true, '3, 6 or 12'),
    col('employed', true, 'true or false'),
    col('recordedOn', true, 'date, YYYY-MM-DD'),
  ],
  dropouts: [
    col('beneficiaryRef', true, "the person's ref"),
    col('reason', true, 'found_work_independently, moved_away, health, family_care, lost_contact, no_longer_eligible, not_interested or other'),
    col('on', true, 'date, YYYY-MM-DD'),
  ],
  'mentoring-matches': [
    col('beneficiaryRef', true, "the person's ref"),
    col('mentor', true, 'display name of a mentor of the site'),
    col('areas', true, 'work, housing, financial_literacy; ;-separated'),
    col('startedOn', true, 'date, YYYY-MM-DD'),
    col('endedOn', false, 'date the match ended, if it has'),
  ],
  // A column that is neither a reference nor a field of the body fails to compile.
} satisfies { [T in RecordType]: readonly ColumnSpec<Reference | DottedKeys<RecordBodies[T]>>[] };

export const RECORD_COLUMNS: Record<RecordType, readonly ColumnSpec[]> = COLUMNS;

/** One row as read from a file: column name → cell text (empty cells absent or ''). */
export type RecordRow = Readonly<Record<string, string>>;

export function isRecordType(value: string): value is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(value);
}
