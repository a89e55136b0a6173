import { useEffect, useId, useMemo, useState } from 'react';
import { errorKindOf } from '@/api/http';
import { eventTimeIso, fetchIngestStatus, type IngestStatusResponse } from '@/api/ingest';
import { useAuth } from '@/auth/auth';
import { useRoleLabel } from '@/auth/role-label';
import { describeIngest, ingestChartHeight, ingestPartitionRows, ingestTable, transformProps, type IngestLabels } from '@/charts/ingest-partitions.transform';
import { ChartPanel } from '@/components/chart-panel';
import { StatePanel } from '@/components/state-panel';
import { useCompact } from '@/hooks/use-media-query';
import { useI18n } from '@/i18n/i18n';
import { useViewData } from '@/shell/use-view-data';
import { withModel } from '@/shell/view-data';
import { ViewShell } from '@/shell/view-shell';
import './ingest.css';

const REFRESH_MS = 10_000;

function Stat({ label, value, alert, time }: { label: string; value: string; alert?: boolean; time?: boolean }) {
  return (
    <div className={alert ? 'ingest-stat ingest-stat--alert' : 'ingest-stat'}>
      <dt>{label}</dt>
      <dd className={time ? 'ingest-stat__time' : undefined}>{value}</dd>
    </div>
  );
}

function TopicTable({ data }: { data: IngestStatusResponse }) {
  const { t, fmt } = useI18n();
  const headingId = useId();
  const when = (v: string | null) => {
    const iso = eventTimeIso(v);
    return iso ? fmt.dateTime(iso) : t('ingest.never');
  };
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('ingest.topicsTitle')}</h2>
      <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('ingest.topic')}</th>
              <th scope="col" className="num">
                {t('ingest.eventsStored')}
              </th>
              <th scope="col" className="num">
                {t('ingest.lag')}
              </th>
              <th scope="col" className="num">
                {t('ingest.deadLettered')}
              </th>
              <th scope="col">{t('ingest.lastEvent')}</th>
              <th scope="col">{t('ingest.deadLetterTopic')}</th>
            </tr>
          </thead>
          <tbody>
            {data.topics.map((tp) => (
              <tr key={tp.topic}>
                <th scope="row">{tp.topic}</th>
                <td className="num">{fmt.number(tp.eventsStored)}</td>
                <td className="num">{tp.lag > 0 ? <strong>⚠ {fmt.number(tp.lag)}</strong> : fmt.number(tp.lag)}</td>
                <td className="num">{tp.deadLettered > 0 ? <strong>⚠ {fmt.number(tp.deadLettered)}</strong> : fmt.number(tp.deadLettered)}</td>
                <td>{when(tp.lastEventTime)}</td>
                <td>
                  <code>{tp.deadLetterTopic}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function IngestPage() {
  const { t, fmt } = useI18n();
  const compact = useCompact();
  const { claims } = useAuth();
  const roleLabel = useRoleLabel();

  // Each refresh is a new key; the next one is scheduled only once the previous answered,
  // so requests never overlap however slow the service is. A failed refresh keeps the figures.
  const [tick, setTick] = useState(0);
  const [paused, setPaused] = useState(false);
  const request = useViewData(['ingest-status', tick], (tk, signal) => fetchIngestStatus(tk, signal), { keepDataOnError: true });
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);

  const settled = request.status === 'error' || (request.status === 'ready' && !request.updating);
  const failure = request.status === 'error' || request.status === 'ready' ? request.error : null;
  const forbidden = failure !== null && errorKindOf(failure) === 'forbidden';
  const fresh = request.status === 'ready' && !request.updating && request.error === null;
  useEffect(() => {
    if (fresh) setUpdatedAt(new Date());
  }, [fresh, request.data]);
  useEffect(() => {
    // A refusal will not change by asking again; any other failure is retried on the same beat.
    if (paused || !settled || forbidden) return;
    const id = setTimeout(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearTimeout(id);
  }, [paused, settled, forbidden, tick]);

  const labels: IngestLabels = useMemo(
    () => ({
      eventsStored: t('ingest.eventsStored'),
      lag: t('ingest.lag'),
      deadLettered: t('ingest.deadLettered'),
      topic: t('ingest.topic'),
      partition: t('ingest.partition'),
      committedOffset: t('ingest.committedOffset'),
      highWatermark: t('ingest.highWatermark'),
      lastEventTime: t('ingest.lastEventTime'),
      caption: t('ingest.caption'),
      partitionLabel: (topic, partition) => t('ingest.partitionLabel', { topic, partition }),
    }),
    [t],
  );

  const data = request.data;
  const chart = useMemo(() => {
    if (!data) return null;
    const rows = ingestPartitionRows(data, labels);
    const ariaLabel = describeIngest(rows, { overall: (v) => t('ingest.aria', v), row: (v) => t('ingest.ariaRow', v) }, fmt.number);
    const option = transformProps(data, { labels, formatNumber: fmt.number, ariaDescription: ariaLabel, compact });
    return { data, option, ariaLabel, table: ingestTable(rows, labels), height: ingestChartHeight(rows.length) };
  }, [data, labels, fmt, t, compact]);

  const retry = () => {
    if (settled) setTick((n) => n + 1);
  };

  const status = [
    updatedAt ? t('ingest.lastUpdated', { time: fmt.time(updatedAt) }) : null,
    !settled && updatedAt ? t('ingest.refreshing') : null,
    paused ? t('ingest.paused') : t('ingest.autoRefresh'),
  ].filter(Boolean);
  const controls = forbidden ? null : (
    <div className="ingest-controls">
      <span className="meta-line ingest-controls__status">{status.join(' · ')}</span>
      <button type="button" className="button button--small" aria-pressed={paused} onClick={() => setPaused((p) => !p)}>
        {paused ? t('ingest.resume') : t('ingest.pause')}
      </button>
      <button type="button" className="button button--small button--quiet" onClick={retry} disabled={!settled}>
        {t('ingest.refreshNow')}
      </button>
    </div>
  );

  return (
    <ViewShell
      title={t('ingest.title')}
      lead={t('ingest.subtitle')}
      controls={controls}
      state={{ ...withModel(request, chart), retry }}
      errors={{
        // Not a passing failure: say whose page this is instead of offering to retry.
        forbidden: (
          <StatePanel tone="warning" title={t('ingest.forbiddenTitle')}>
            <p>{t('ingest.forbiddenBody', { role: claims ? roleLabel(claims.role) : '' })}</p>
          </StatePanel>
        ),
      }}
      isEmpty={({ data: d }) => d.topics.length === 0}
      emptyText={t('ingest.empty')}
    >
      {({ data: d, ...c }) => {
        const last = eventTimeIso(d.lastEventTime);
        return (
          <>
            {failure !== null && updatedAt ? (
              <p className="notice notice--warning" role="alert">
                {t('ingest.staleWarning', { time: fmt.time(updatedAt) })}
              </p>
            ) : null}
            <div aria-live="polite">
              {d.lag > 0 ? <p className="notice notice--warning">⚠ {t('ingest.lagWarning', { lag: fmt.number(d.lag) })}</p> : null}
              {d.deadLettered > 0 ? <p className="notice notice--warning">⚠ {t('ingest.deadWarning', { dead: fmt.number(d.deadLettered) })}</p> : null}
              {d.lag === 0 && d.deadLettered === 0 ? <p className="notice notice--info">✓ {t('ingest.healthy')}</p> : null}
            </div>
            <dl className="ingest-stats">
              <Stat label={t('ingest.totalLag')} value={fmt.number(d.lag)} alert={d.lag > 0} />
              <Stat label={t('ingest.eventsStored')} value={fmt.number(d.eventsStored)} />
              <Stat label={t('ingest.deadLettered')} value={fmt.number(d.deadLettered)} alert={d.deadLettered > 0} />
              <Stat label={t('ingest.lastEvent')} value={last ? fmt.dateTime(last) : t('ingest.never')} time />
            </dl>
            <p className="meta-line">{t('ingest.group', { group: d.group, batchSize: fmt.number(d.batchSize), flushMs: fmt.number(d.flushMs) })}</p>
            <TopicTable data={d} />
            <ChartPanel
              title={t('ingest.chartTitle')}
              subtitle={updatedAt ? t('ingest.lastUpdated', { time: fmt.dateTime(updatedAt.toISOString()) }) : ''}
              fileParts={['meic', 'ingest-status', updatedAt?.toISOString().slice(0, 19)]}
              option={c.option}
              ariaLabel={c.ariaLabel}
              height={c.height}
              table={c.table}
              minCell={0}
            />
          </>
        );
      }}
    </ViewShell>
  );
}
