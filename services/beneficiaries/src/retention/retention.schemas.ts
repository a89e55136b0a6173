import { Type, type Static } from '@sinclair/typebox';
import { Closed, DEFAULT_RETENTION_YEARS, IsoDate, SiteCode } from '@meic/contracts';


export const SetRetentionBody = Closed({
  programmeEndsOn: IsoDate,
  years: Type.Optional(Type.Integer({ minimum: 1, maximum: 30, description: `Years the records are kept after the programme's end (default ${DEFAULT_RETENTION_YEARS}, the EU funds' document retention)` })),
});
export type SetRetentionBody = Static<typeof SetRetentionBody>;

export const RetentionView = Type.Object({
  siteCode: SiteCode,
  programmeEndsOn: Type.Union([IsoDate, Type.Null()], { description: 'null: no retention set; the site keeps its records until one is' }),
  years: Type.Integer(),
  /** The day the records of people enrolled before the programme's end expire. */
  expiresOn: Type.Union([IsoDate, Type.Null()]),
});
export type RetentionView = Static<typeof RetentionView>;

export const RetentionReportQuery = Type.Object(
  { asOf: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
export type RetentionReportQuery = Static<typeof RetentionReportQuery>;

export const RetentionReport = Type.Object({
  asOf: IsoDate,
  dryRun: Type.Literal(true),
  sites: Type.Array(
    Type.Composite([RetentionView, Type.Object({ expired: Type.Integer({ description: 'People whose records the schedule would erase' }) })]),
  ),
  people: Type.Array(
    Type.Object({ beneficiaryId: Type.String({ format: 'uuid' }), siteCode: SiteCode, enrolledOn: IsoDate, expiredOn: IsoDate }),
    { description: 'Everyone the schedule would erase as of asOf, oldest enrolment first' },
  ),
});
export type RetentionReport = Static<typeof RetentionReport>;

/** What the sweep did: counts only, since it runs in a workflow whose history must not hold ids. */
export interface RetentionSweepResult {
  erased: number;
  remaining: number;
}
