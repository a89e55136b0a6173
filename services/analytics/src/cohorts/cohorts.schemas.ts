import { Type, type Static } from '@sinclair/typebox';
import { Closed, CountryCode, IsoDate, ProgrammeCode, SiteCode } from '@meic/contracts';
import { STEP_NAMES } from '../kpis/measures';
import { CountCell, DisclosureNote, RateCell } from '../kpi-views/kpi-views.schemas';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Activity = Type.Union(
  STEP_NAMES.map((s) => Type.Literal(s)),
  { description: 'Only people who had this step by asOf (e.g. l2Enrolled, internshipStarted, mentored)' },
);

const cohortFields = (name: 'a' | 'b') => ({
  [`${name}.site`]: Type.Optional(SiteCode),
  [`${name}.country`]: Type.Optional(CountryCode),
  [`${name}.programme`]: Type.Optional(ProgrammeCode),
  [`${name}.enrolledFrom`]: Type.Optional(IsoDate),
  [`${name}.enrolledTo`]: Type.Optional(IsoDate),
  [`${name}.activity`]: Type.Optional(Activity),
});

export const CohortsQuery = Closed({
  asOf: Type.Optional(Type.String({ format: 'date', description: 'Evaluation date (default today, UTC)' })),
  ...cohortFields('a'),
  ...cohortFields('b'),
});
export type CohortsQuery = Static<typeof CohortsQuery>;

const Window = Type.Object({
  rate: Type.Object({ ...RateCell.properties }, { description: 'Placed within the window over the observed cohort' }),
  observed: Type.Object({ ...CountCell.properties }, { description: 'Enrolled at least that many months before asOf (the denominator)' }),
  notYetObservable: Type.Object({ ...CountCell.properties }, { description: 'Enrolled too recently to be observed for the whole window: left out' }),
});

const Cohort = Type.Object({
  definition: Type.Object({
    site: Nullable(Type.String()),
    country: Nullable(Type.String()),
    programme: Nullable(Type.String()),
    enrolledFrom: Nullable(IsoDate),
    enrolledTo: Nullable(IsoDate),
    activity: Nullable(Type.String()),
  }),
  enrolled: CountCell,
  placementWithin6Months: Window,
  placementWithin12Months: Window,
  medianDaysToPlacement: Type.Object(
    { t: Nullable(Type.Integer()), low: Nullable(Type.Integer()), high: Nullable(Type.Integer()), suppressed: Type.Boolean() },
    { description: 'Kaplan–Meier median (censored at drop-out or asOf) with its 95% limits; null where the published curve does not reach 0.5' },
  ),
  dropoutRate: Type.Object({ ...RateCell.properties }, { description: 'Dropped out by asOf over enrolled' }),
  employedAt6Months: Type.Object({ ...RateCell.properties }, { description: 'Employed at the 6-month follow-up over people placed whose 6-month follow-up is recorded' }),
});
export type CohortFigures = Static<typeof Cohort>;

export const CohortsResponse = Type.Object({
  asOf: IsoDate,
  minCell: Type.Integer(),
  disclosure: DisclosureNote,
  generatedAt: Type.String({ format: 'date-time' }),
  a: Cohort,
  b: Cohort,
});
export type CohortsResponse = Static<typeof CohortsResponse>;
