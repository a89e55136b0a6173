// Response shapes of the analytics KPI API (contract.md, "Analytics service").

export type GroupBy = 'country' | 'site' | 'programme';
export const GROUP_BY_VALUES: readonly GroupBy[] = ['country', 'site', 'programme'];

/**
 * A count cell. For roles other than site_staff the count is perturbed by the cell-key method
 * (docs/adr/0012); `suppressed` (value null) marks a figure withheld as a whole.
 */
export interface Count {
  value: number | null;
  suppressed: boolean;
}

/** A rate in percent (0-100) with its 95% Wilson score interval. */
export interface Rate {
  value: number | null;
  low: number | null;
  high: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
}

/** How a response's figures were protected (every KPI response carries it). */
export interface DisclosureNote {
  method: 'exact' | 'cell-key';
  /** The evaluation date the figures were counted at. */
  asOf: string;
  minCell: number;
  maxPerturbation: number | null;
  releaseBlock: number | null;
  minAtRisk: number | null;
}

export interface OverviewFigures {
  enrolled: Count;
  women: Count;
  trained: Count;
  internshipsStarted: Count;
  placed: Count;
  dropouts: Count;
  placementRatePct: Rate;
  medianDaysToPlacement: number | null;
  targets: { enrolled: number | null; placed: number | null; womenSharePct: number | null };
  progress: { enrolledPct: number | null; placedPct: number | null; womenSharePct: number | null };
  /** The last day up to which the group's enrolments and placements are all counted (null: not said). */
  completeThrough: { enrolled: string | null; placed: string | null };
}

export interface OverviewGroup extends OverviewFigures {
  /** e.g. 'IT-RM', 'IT' or 'AMIL' */
  key: string;
  /** e.g. 'Roma – AMIL', 'Italy' or 'AMIL' */
  label: string;
  country: string | null;
  programme: string | null;
}

export interface OverviewResponse {
  groupBy: GroupBy;
  filters: { from: string | null; to: string | null; country: string | null; site: string | null };
  minCell: number;
  disclosure: DisclosureNote | null;
  generatedAt: string;
  groups: OverviewGroup[];
  totals: OverviewFigures;
}

/** RFC 9457 problem details, as every 4xx/5xx body of the platform. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export interface ViewFilterEcho {
  from: string | null;
  to: string | null;
  asOf: string | null;
  country: string | null;
  site: string | null;
  programme: string | null;
}
