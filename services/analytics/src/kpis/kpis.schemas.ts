import { Type, type Static } from '@sinclair/typebox';
import { CountryCode, IsoDate, ProgrammeCode, SiteCode } from '@meic/contracts';

export const OverviewQuery = Type.Object(
  {
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    asOf: Type.Optional(Type.String({ format: 'date', description: 'Evaluation date (default today): later facts are ignored, censoring and observability are measured here' })),
    country: Type.Optional(CountryCode),
    site: Type.Optional(SiteCode),
    programme: Type.Optional(ProgrammeCode),
    groupBy: Type.Optional(Type.Union([Type.Literal('country'), Type.Literal('site'), Type.Literal('programme')], { default: 'site' })),
  },
  { additionalProperties: false },
);
export type OverviewQuery = Static<typeof OverviewQuery>;

const Count = Type.Object({ value: Type.Union([Type.Integer(), Type.Null()]), suppressed: Type.Boolean() });
const Rate = Type.Object({
  value: Type.Union([Type.Number(), Type.Null()]),
  low: Type.Union([Type.Number(), Type.Null()]),
  high: Type.Union([Type.Number(), Type.Null()]),
  numerator: Type.Union([Type.Integer(), Type.Null()]),
  denominator: Type.Union([Type.Integer(), Type.Null()]),
  suppressed: Type.Boolean(),
});
const Nullable = (t: ReturnType<typeof Type.Number>) => Type.Union([t, Type.Null()]);
const Figures = {
  enrolled: Count,
  women: Count,
  trained: Count,
  internshipsStarted: Count,
  placed: Count,
  dropouts: Count,
  placementRatePct: Rate,
  medianDaysToPlacement: Nullable(Type.Number()),
  targets: Type.Object({ enrolled: Nullable(Type.Number()), placed: Nullable(Type.Number()), womenSharePct: Nullable(Type.Number()) }),
  progress: Type.Object({ enrolledPct: Nullable(Type.Number()), placedPct: Nullable(Type.Number()), womenSharePct: Nullable(Type.Number()) }),
};

export const OverviewResponse = Type.Object({
  groupBy: Type.String(),
  filters: Type.Object({ from: Type.Union([IsoDate, Type.Null()]), to: Type.Union([IsoDate, Type.Null()]), country: Type.Union([Type.String(), Type.Null()]), site: Type.Union([Type.String(), Type.Null()]) }),
  minCell: Type.Integer(),
  generatedAt: Type.String({ format: 'date-time' }),
  groups: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), country: Type.Union([Type.String(), Type.Null()]), programme: Type.Union([Type.String(), Type.Null()]), ...Figures })),
  totals: Type.Object(Figures),
});
export type OverviewResponse = Static<typeof OverviewResponse>;
