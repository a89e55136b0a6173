import { Type, type Static } from '@sinclair/typebox';
import { Closed, IsoDate } from '@meic/contracts';
import { CompleteThrough, CountCell, DisclosureNote, RateCell, ViewQueryFields } from '../kpi-views/kpi-views.schemas';

export const OverviewQuery = Closed({ ...ViewQueryFields });
export type OverviewQuery = Static<typeof OverviewQuery>;

const Nullable = (t: ReturnType<typeof Type.Number>) => Type.Union([t, Type.Null()]);
const Figures = {
  enrolled: CountCell,
  women: CountCell,
  trained: CountCell,
  internshipsStarted: CountCell,
  placed: CountCell,
  dropouts: CountCell,
  placementRatePct: RateCell,
  medianDaysToPlacement: Nullable(Type.Number()),
  targets: Type.Object({ enrolled: Nullable(Type.Number()), placed: Nullable(Type.Number()), womenSharePct: Nullable(Type.Number()) }),
  progress: Type.Object({ enrolledPct: Nullable(Type.Number()), placedPct: Nullable(Type.Number()), womenSharePct: Nullable(Type.Number()) }),
  completeThrough: Type.Object({ enrolled: CompleteThrough, placed: CompleteThrough }),
};

export const OverviewResponse = Type.Object({
  groupBy: Type.String(),
  filters: Type.Object({ from: Type.Union([IsoDate, Type.Null()]), to: Type.Union([IsoDate, Type.Null()]), country: Type.Union([Type.String(), Type.Null()]), site: Type.Union([Type.String(), Type.Null()]) }),
  minCell: Type.Integer(),
  disclosure: DisclosureNote,
  generatedAt: Type.String({ format: 'date-time' }),
  groups: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), country: Type.Union([Type.String(), Type.Null()]), programme: Type.Union([Type.String(), Type.Null()]), ...Figures })),
  totals: Type.Object(Figures),
});
export type OverviewResponse = Static<typeof OverviewResponse>;
