import type { OverviewFigures } from '@/api/types';
import type { OverviewBarRow } from '@/charts/overview-bars.transform';
import { Suppressed } from '@/components/suppressed';
import { useI18n } from '@/i18n/i18n';
import { CountValue, RateValue } from '@/components/figures';

interface OverviewTableProps {
  rows: OverviewBarRow[];
  totals: OverviewFigures;
  minCell: number;
  captionId: string;
}

/** The numbers the overview chart draws (plus the rate and median), as a table. */
export function OverviewTable({ rows, totals, minCell, captionId }: OverviewTableProps) {
  const { t, fmt } = useI18n();
  const num = (v: number | null, suppressed = false) =>
    suppressed ? <Suppressed minCell={minCell} /> : v === null ? <span className="muted">–</span> : fmt.number(v);
  const days = (v: number | null) => (v === null ? <span className="muted">–</span> : fmt.number(v));

  return (
    <>
      {/* The caption sits outside the scrolling box so it stays readable on narrow screens. */}
      <p className="table-caption" id={captionId}>
        {t('overview.tableCaption')}
      </p>
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table" aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col">{t('table.group')}</th>
              <th scope="col" className="num">{t('table.enrolled')}</th>
              <th scope="col" className="num">{t('table.enrolledTarget')}</th>
              <th scope="col" className="num">{t('table.placed')}</th>
              <th scope="col" className="num">{t('table.placedTarget')}</th>
              <th scope="col" className="num">{t('table.rate')}</th>
              <th scope="col" className="num">{t('table.median')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td className="num">{num(r.enrolled, r.enrolledSuppressed)}</td>
                <td className="num">{num(r.enrolledTarget)}</td>
                <td className="num">{num(r.placed, r.placedSuppressed)}</td>
                <td className="num">{num(r.placedTarget)}</td>
                <td className="num">
                  <RateValue rate={r.placementRate} minCell={minCell} fmt={fmt} />
                </td>
                <td className="num">{days(r.medianDaysToPlacement)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('table.total')}</th>
              <td className="num">
                <CountValue count={totals.enrolled} minCell={minCell} fmt={fmt} />
              </td>
              <td className="num">{num(totals.targets.enrolled)}</td>
              <td className="num">
                <CountValue count={totals.placed} minCell={minCell} fmt={fmt} />
              </td>
              <td className="num">{num(totals.targets.placed)}</td>
              <td className="num">
                <RateValue rate={totals.placementRatePct} minCell={minCell} fmt={fmt} />
              </td>
              <td className="num">{days(totals.medianDaysToPlacement)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
