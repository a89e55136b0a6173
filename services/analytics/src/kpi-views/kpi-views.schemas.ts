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

/**
 * A published count. For site_staff the exact count of their own sites; for every other role the
 * count perturbed by the cell-key method (a few off, never 1 … minCell − 1; docs/adr/0012).
 */
export const CountCell = Type.Object({ value: Nullable(Type.Integer()), suppressed: Type.Boolean({ description: 'true only where a figure is withheld as a whole' }) });
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

/** What every KPI endpoint's OpenAPI description says of its figures (docs/adr/0012). */
export const PROTECTION_NOTE =
  'For roles other than site_staff every count is perturbed by the cell-key method (at most maxPerturbation off, never 1 … minCell−1, zeros stay zero, the same people always the same figure) and taken at its release date; rates, intervals and medians come from the published counts; `disclosure` says how. ';

/** How the figures of a response were protected (docs/adr/0012). */
export const DisclosureNote = Type.Object(
  {
    method: Type.Union([Type.Literal('exact'), Type.Literal('cell-key')], { description: 'exact: site_staff on their own sites; cell-key: perturbed counts at release dates' }),
    asOf: IsoDate,
    minCell: Type.Integer({ description: 'Published counts are 0 or at least this' }),
    maxPerturbation: Nullable(Type.Integer({ description: 'No published count is further than this from the true one' })),
    releaseBlock: Nullable(Type.Integer({ description: 'Each site releases facts of one kind in blocks of consecutive months holding at least this many' })),
    minAtRisk: Nullable(Type.Integer({ description: 'Curves stop where fewer people are at risk' })),
  },
  { description: 'How the figures were protected: the evaluation date they were counted at and the parameters of the method' },
);

/** The last day up to which a group's facts of one kind are all counted (earlier than asOf while a site's latest facts wait in an open release block). */
export const CompleteThrough = IsoDate;

/** Fields every grouped view's response starts with. */
export const ViewHeader = {
  groupBy: Type.Union([Type.Literal('site'), Type.Literal('country'), Type.Literal('programme')]),
  filters: ViewFilters,
  minCell: Type.Integer({ description: 'Smallest count shown to roles other than site_staff' }),
  disclosure: DisclosureNote,
  generatedAt: Type.String({ format: 'date-time' }),
};

/** Who a group is: its key (site code, country or programme), label and place in the hierarchy. */
export const GroupIdentity = {
  key: Type.String(),
  label: Type.String(),
  country: Nullable(Type.String()),
  programme: Nullable(Type.String()),
};
