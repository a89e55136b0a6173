import { Type, type Static } from '@sinclair/typebox';
import { Closed, CountryCode, IsoDate, ProgrammeCode, SiteCode } from '@meic/contracts';
import { CountCell, RateCell, DisclosureNote } from '../kpi-views/kpi-views.schemas';
import { DISAGGREGATIONS, KINDS, LANGUAGES, TARGETS } from './indicator-catalogue';
import { PERIOD_PATTERN } from './indicator-period';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const IndicatorsQuery = Closed({
  period: Type.Optional(Type.String({ pattern: PERIOD_PATTERN, description: 'YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD..YYYY-MM-DD (inclusive); absent = the whole history' })),
  lang: Type.Optional(Type.Union([...LANGUAGES.map((l) => Type.Literal(l))], { default: 'en', description: 'Language of titles' })),
  country: Type.Optional(CountryCode),
  programme: Type.Optional(ProgrammeCode),
  site: Type.Optional(SiteCode),
  asOf: Type.Optional(Type.String({ format: 'date', description: 'Evaluation date (default today, UTC): later facts are ignored, censoring and observability are measured here' })),
});
export type IndicatorsQuery = Static<typeof IndicatorsQuery>;

const SubCount = Type.Object({ key: Type.String(), title: Type.String(), value: CountCell });
const Rate = Type.Object({ key: Type.String(), title: Nullable(Type.String()), rate: RateCell });
const Median = Type.Object({
  days: Nullable(Type.Number({ description: 'Median read from the Kaplan–Meier curve; null when not reached on the published curve' })),
  cohort: CountCell,
});
const ByType = Type.Object({ type: Type.String(), counts: Type.Record(Type.String(), CountCell) });
const Target = Type.Object({
  kind: literals(TARGETS),
  value: Nullable(Type.Number({ description: 'Sum of the targets of the sites in scope' })),
  progressPct: Nullable(Type.Number()),
});

export const EvaluatedIndicator = Type.Object({
  code: Type.String(),
  title: Type.String(),
  description: Type.String(),
  unit: Type.String(),
  kind: literals(KINDS),
  disaggregations: Type.Array(literals(DISAGGREGATIONS)),
  /** count: the count */
  value: Nullable(CountCell),
  /** count: sub-counts among the counted people */
  of: Type.Array(SubCount),
  /** rate: one or more rates with their Wilson intervals */
  rates: Type.Array(Rate),
  /** median_days */
  median: Nullable(Median),
  /** organisations / contributions: counts per organisation type */
  byType: Type.Array(ByType),
  target: Nullable(Target),
});
export type EvaluatedIndicator = Static<typeof EvaluatedIndicator>;

export const IndicatorsResponse = Type.Object({
  period: Type.Object({ label: Nullable(Type.String()), from: IsoDate, to: IsoDate }),
  asOf: IsoDate,
  lang: literals(LANGUAGES),
  filters: Type.Object({ country: Nullable(Type.String()), programme: Nullable(Type.String()), site: Nullable(Type.String()) }),
  minCell: Type.Integer(),
  disclosure: DisclosureNote,
  generatedAt: Type.String({ format: 'date-time' }),
  indicators: Type.Array(EvaluatedIndicator),
});
export type IndicatorsResponse = Static<typeof IndicatorsResponse>;
