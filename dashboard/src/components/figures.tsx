// Small renderers of count and rate cells, shared by the overview and every data table.
import type { Count, OverviewFigures, Rate } from '@/api/types';
import { Suppressed } from './suppressed';
import type { Formatter } from '@/i18n/format';

export function CountValue({ count, minCell, fmt }: { count: Count; minCell: number; fmt: Formatter }) {
  if (count.suppressed) return <Suppressed minCell={minCell} />;
  if (count.value === null) return <span className="muted">–</span>;
  return <>{fmt.number(count.value)}</>;
}

export function RateValue({ rate, minCell, fmt }: { rate: Rate; minCell: number; fmt: Formatter }) {
  if (rate.suppressed) return <Suppressed minCell={minCell} />;
  if (rate.value === null) return <span className="muted">–</span>;
  return <>{fmt.percentWithInterval(rate.value, rate.low, rate.high)}</>;
}

/**
 * Women as a share of enrolled (percent): the service's `progress.womenSharePct` (the share
 * achieved, compared with `targets.womenSharePct`), or worked out when both counts are shown.
 */
export function womenSharePct(f: Pick<OverviewFigures, 'women' | 'enrolled' | 'progress'>): number | null {
  if (f.women.suppressed || f.enrolled.suppressed) return null;
  if (f.progress.womenSharePct !== null) return f.progress.womenSharePct;
  const w = f.women.value;
  const e = f.enrolled.value;
  if (f.women.suppressed || f.enrolled.suppressed || w === null || e === null || e === 0) return null;
  return (w / e) * 100;
}

/** Progress in percent of target: the service's figure, or worked out from the counts. */
export function progressPct(apiPct: number | null, count: Count, target: number | null): number | null {
  if (apiPct !== null) return apiPct;
  if (count.suppressed || count.value === null || target === null || target <= 0) return null;
  return (count.value / target) * 100;
}
