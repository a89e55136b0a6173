import { Type, type Static } from '@sinclair/typebox';
import { CountryCode, IsoDate, ProgrammeCode, SiteCode } from '@meic/contracts';

/** Query parameters every grouped KPI view takes (the overview's, for links that carry over). */
export const ViewQueryFields = {
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  asOf: Type.Optional(Type.String({ format: 'date', description: 'Evaluation date (default today, UTC): later facts are ignored, censoring and observability are measured here' })),
  country: Type.Optional(CountryCode),
  site: Type.Optional(SiteCode),
  programme: Type.Optional(ProgrammeCode),
  groupBy: Type.Optional(Type.Union([Type.Literal('site'), Type.Literal('country'), Type.Literal('programme')], { default: 'site' })),
};

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** A published count: null and `suppressed` when disclosure control hides it. */
export const CountCell = Type.Object({ value: Nullable(Type.Integer()), suppressed: Type.Boolean() });
export type CountCell = Static<typeof CountCell>;

/** A rate in percent with its 95% Wilson interval and the counts it is made of (kpis.md). */
export const RateCell = Type.Object({
  value: Nullable(Type.Number()),
  low: Nullable(Type.Number()),
  high: Nullable(Type.Number()),
  numerator: Nullable(Type.Integer()),
  denominator: Nullable(Type.Integer()),
  suppressed: Type.Boolean(),
});
export type RateCell = Static<typeof RateCell>;

export const ViewFilters = Type.Object({
  from: IsoDate,
  to: IsoDate,
  asOf: IsoDate,
  country: Nullable(Type.String()),
  site: Nullable(Type.String()),
  programme: Nullable(Type.String()),
});
export type ViewFilters = Static<typeof ViewFilters>;

/** Fields every grouped view's response starts with. */
export const ViewHeader = {
  groupBy: Type.Union([Type.Literal('site'), Type.Literal('country'), Type.Literal('programme')]),
  filters: ViewFilters,
  minCell: Type.Integer({ description: 'Smallest count shown to roles other than site_staff' }),
  generatedAt: Type.String({ format: 'date-time' }),
};

/** Who a group is: its key (site code, country or programme), label and place in the hierarchy. */
export const GroupIdentity = {
  key: Type.String(),
  label: Type.String(),
  country: Nullable(Type.String()),
  programme: Nullable(Type.String()),
};
