import { useId } from 'react';
import type { OverviewFigures } from '@/api/types';
import { ProgressBar } from '@/components/progress-bar';
import { Suppressed } from '@/components/suppressed';
import { useI18n } from '@/i18n/i18n';
import { CountValue, RateValue, progressPct, womenSharePct } from '@/components/figures';

interface KpiCardProps {
  title: string;
  meta?: string[];
  figures: OverviewFigures;
  minCell: number;
  variant?: 'group' | 'totals';
}

/** KPI card of one group (or of the whole selection): counts against targets, rate, median. */
export function KpiCard({ title, meta = [], figures: f, minCell, variant = 'group' }: KpiCardProps) {
  const { t, fmt } = useI18n();
  const headingId = useId();
  const enrolledPct = progressPct(f.progress.enrolledPct, f.enrolled, f.targets.enrolled);
  const placedPct = progressPct(f.progress.placedPct, f.placed, f.targets.placed);
  const share = womenSharePct(f);
  const shareTarget = f.targets.womenSharePct;

  const targetNote = (pct: number | null, target: number | null) =>
    target === null ? t('kpi.noTarget') : pct === null ? t('kpi.target', { value: fmt.number(target) }) : pct >= 100 ? t('kpi.targetMet') : t('kpi.ofTarget', { pct: fmt.percent(pct) });

  return (
    <article className={`kpi-card kpi-card--${variant}`} aria-labelledby={headingId}>
      <header className="kpi-card__head">
        <h3 id={headingId}>{title}</h3>
        {meta.length > 0 ? (
          <p className="kpi-card__meta">
            {meta.map((m, i) => (
              <span key={i} className={i === 0 ? 'chip' : undefined}>
                {m}
              </span>
            ))}
          </p>
        ) : null}
      </header>

      <dl className="kpi-list">
        <div className="kpi">
          <dt>{t('kpi.enrolled')}</dt>
          <dd>
            <span className="kpi__value">
              <CountValue count={f.enrolled} minCell={minCell} fmt={fmt} />
            </span>
            {f.targets.enrolled !== null ? <span className="kpi__target"> / {fmt.number(f.targets.enrolled)}</span> : null}
            <ProgressBar pct={enrolledPct} tone="enrolled" />
            <span className="kpi__note">{targetNote(enrolledPct, f.targets.enrolled)}</span>
          </dd>
        </div>

        <div className="kpi">
          <dt>{t('kpi.placed')}</dt>
          <dd>
            <span className="kpi__value">
              <CountValue count={f.placed} minCell={minCell} fmt={fmt} />
            </span>
            {f.targets.placed !== null ? <span className="kpi__target"> / {fmt.number(f.targets.placed)}</span> : null}
            <ProgressBar pct={placedPct} tone="placed" />
            <span className="kpi__note">{targetNote(placedPct, f.targets.placed)}</span>
          </dd>
        </div>

        <div className="kpi">
          <dt>{t('kpi.women')}</dt>
          <dd>
            <span className="kpi__value">{share !== null ? fmt.percent(share) : f.women.suppressed || f.enrolled.suppressed ? <Suppressed minCell={minCell} /> : '–'}</span>
            <span className="kpi__note">
              {f.women.suppressed ? null : <CountValue count={f.women} minCell={minCell} fmt={fmt} />}
              {shareTarget !== null ? `${f.women.suppressed ? '' : ' · '}${t('kpi.target', { value: fmt.percent(shareTarget) })}` : null}
            </span>
          </dd>
        </div>

        <div className="kpi">
          <dt>{t('kpi.placementRate')}</dt>
          <dd>
            <span className="kpi__value kpi__value--rate">
              <RateValue rate={f.placementRatePct} minCell={minCell} fmt={fmt} />
            </span>
            {!f.placementRatePct.suppressed && f.placementRatePct.numerator !== null && f.placementRatePct.denominator !== null ? (
              <span className="kpi__note">
                {t('kpi.rateBase', {
                  numerator: fmt.number(f.placementRatePct.numerator),
                  denominator: fmt.number(f.placementRatePct.denominator),
                })}
              </span>
            ) : null}
          </dd>
        </div>

        <div className="kpi">
          <dt>{t('kpi.medianDays')}</dt>
          <dd>
            <span className="kpi__value">
              {f.medianDaysToPlacement !== null ? t('kpi.days', { n: fmt.number(f.medianDaysToPlacement) }) : <span className="muted kpi__na">{t('kpi.notYet')}</span>}
            </span>
          </dd>
        </div>
      </dl>

      <dl className="kpi-minor">
        <div>
          <dt>{t('kpi.trained')}</dt>
          <dd>
            <CountValue count={f.trained} minCell={minCell} fmt={fmt} />
          </dd>
        </div>
        <div>
          <dt>{t('kpi.internships')}</dt>
          <dd>
            <CountValue count={f.internshipsStarted} minCell={minCell} fmt={fmt} />
          </dd>
        </div>
        <div>
          <dt>{t('kpi.dropouts')}</dt>
          <dd>
            <CountValue count={f.dropouts} minCell={minCell} fmt={fmt} />
          </dd>
        </div>
      </dl>
    </article>
  );
}
