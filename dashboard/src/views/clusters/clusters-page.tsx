import { useId, useMemo } from 'react';
import { overviewQuery } from '@/api/analytics';
import { fetchClusters, type ClusterGroup, type ClustersResponse } from '@/api/clusters';
import {
  CONTRIBUTION_KINDS,
  contributionRows,
  contributionsChartHeight,
  contributionTable,
  describeContributions,
  transformProps as contributionsOption,
  type ContributionKind,
  type ContributionLabels,
} from '@/charts/cluster-contributions.transform';
import { describeIntensity, intensityChartHeight, intensityRows, intensityTable, transformProps as intensityOption, type IntensityLabels } from '@/charts/cluster-intensity.transform';
import {
  describeMembers,
  MEMBER_COUNTS,
  memberRows,
  membersChartHeight,
  memberTable,
  memberTotalsRow,
  shownTypes,
  transformProps as membersOption,
  type MemberCount,
  type MemberLabels,
} from '@/charts/cluster-members.transform';
import { ChartPanel } from '@/components/chart-panel';
import { SuppressionNote } from '@/components/suppressed';
import { isRangeValid } from '@/filters/filters';
import { useCompact } from '@/hooks/use-media-query';
import { useI18n, type I18n } from '@/i18n/i18n';
import { isMessageKey } from '@/i18n/messages';
import { useFilters, useViewParams } from '@/router/query';
import { useViewData } from '@/shell/use-view-data';
import { paramPatch, readParam, type ViewParam } from '@/shell/view-params';
import { ViewShell } from '@/shell/view-shell';
import { groupedSubtitle, groupTitle, periodText, selectionParts } from '@/shell/view-text';
import './clusters.css';

/** View parameter: what the members chart counts. */
const COUNT: ViewParam<MemberCount> = { name: 'count', values: MEMBER_COUNTS, fallback: 'members' };
/** An organisation type in the UI language (the API groups members of no known type as "unknown"); a type this build has no words for is shown as the API names it. */
function typeLabel(t: I18n['t'], type: string): string {
  const key = `clusters.type.${type}`;
  return isMessageKey(key) ? t(key) : type;
}

interface PanelProps {
  data: ClustersResponse;
  subtitle: string;
  compact: boolean;
}

function IntensityPanel({ data, subtitle, compact }: PanelProps) {
  const { t, fmt } = useI18n();
  const [filters] = useFilters();
  const groupBy = t(`groupBy.${data.groupBy}` as const).toLowerCase();
  const model = useMemo(() => {
    const groupLabel = (g: ClusterGroup) => groupTitle(g, data.groupBy, fmt);
    const pointLabel = (g: ClusterGroup) => (data.groupBy === 'site' ? g.key : groupLabel(g));
    const formatRate = (v: number, lo: number | null, hi: number | null) => fmt.percentWithInterval(v, lo, hi);
    const labels: IntensityLabels = {
      xAxis: t('clusters.xAxis'),
      xAxisLog: t('clusters.xAxisLog'),
      yAxis: t('clusters.yAxis'),
      overall: (rate) => t('clusters.overall', { rate }),
      suppressed: t('suppressed.label'),
      noData: '–',
      tooltipPer100: t('clusters.per100'),
      tooltipRate: t('clusters.placementRate'),
      tooltipBase: (numerator, denominator) => t('clusters.base', { numerator, denominator }),
    };
    const rows = intensityRows(data, groupLabel, pointLabel);
    const ariaLabel = describeIntensity(
      rows,
      {
        overall: (n, details) => t('clusters.ariaIntensity', { n, details }),
        point: (v) => t('clusters.ariaPoint', v),
        missing: (groups) => t('clusters.ariaMissing', { groups }),
      },
      fmt.number,
      formatRate,
    );
    const option = intensityOption(data, { labels, groupLabel, pointLabel, formatNumber: fmt.number, formatRate, ariaDescription: ariaLabel, compact });
    const table = intensityTable(rows, data.totals, {
      caption: t('clusters.intensityCaption'),
      group: t('clusters.col.group'),
      enrolled: t('clusters.col.enrolled'),
      activeMembers: t('clusters.col.active'),
      per100: t('clusters.per100'),
      rate: t('clusters.placementRate'),
      totals: t('clusters.totals'),
    });
    return { rows, option, ariaLabel, table };
  }, [data, t, fmt, compact]);
  const missing = model.rows.filter((r) => !r.plotted).map((r) => r.label);
  return (
    <ChartPanel
      title={t('clusters.intensityTitle')}
      subtitle={subtitle}
      fileParts={['meic', 'clusters', 'intensity', ...selectionParts(filters, data.groupBy)]}
      option={model.option}
      ariaLabel={model.ariaLabel}
      height={intensityChartHeight(compact)}
      table={model.table}
      minCell={data.minCell}
      footer={missing.length ? <p className="footnote">{t('clusters.notPlotted', { groups: fmt.list(missing) })}</p> : undefined}
    >
      <p className="meta-line">{t('clusters.intensitySubtitle', { groupBy })}</p>
    </ChartPanel>
  );
}

function MembersPanel({ data, subtitle, compact }: PanelProps) {
  const { t, fmt } = useI18n();
  const [filters] = useFilters();
  const [params, setParams] = useViewParams();
  const count = readParam(params, COUNT);
  const selectId = useId();
  const groupBy = t(`groupBy.${data.groupBy}` as const).toLowerCase();
  const model = useMemo(() => {
    const groupLabel = (g: ClusterGroup) => groupTitle(g, data.groupBy, fmt);
    const labels: MemberLabels = { type: (x) => typeLabel(t, x), hiddenTypes: t('clusters.hiddenTypes'), suppressed: t('suppressed.label'), total: t('clusters.col.total') };
    const rows = memberRows(data, count, groupLabel);
    const totals = memberTotalsRow(data, count, t('clusters.totals'));
    const types = shownTypes(data, count);
    const ariaLabel = describeMembers(
      rows,
      totals,
      types,
      { overall: (v) => t('clusters.ariaMembers', v), group: (v) => t('clusters.ariaMembersGroup', v) },
      labels,
      fmt.number,
    );
    const option = membersOption(data, { count, labels, groupLabel, formatNumber: fmt.number, ariaDescription: ariaLabel, compact });
    const table = memberTable(rows, totals, types, { caption: t('clusters.membersCaption'), group: t('clusters.col.group'), total: t('clusters.col.total'), type: labels.type });
    return { option, ariaLabel, table, height: membersChartHeight(rows.length, types.length), anyHidden: rows.some((r) => r.hidden !== null) };
  }, [data, count, t, fmt, compact]);
  return (
    <ChartPanel
      title={count === 'members' ? t('clusters.membersTitle') : t('clusters.activeTitle')}
      subtitle={subtitle}
      fileParts={['meic', 'clusters', count, ...selectionParts(filters, data.groupBy)]}
      option={model.option}
      ariaLabel={model.ariaLabel}
      height={model.height}
      table={model.table}
      minCell={data.minCell}
      footer={model.anyHidden ? <p className="footnote">{t('clusters.hiddenNote')}</p> : undefined}
    >
      <div className="clusters-count">
        <label htmlFor={selectId}>{t('clusters.count')}</label>
        <select id={selectId} value={count} onChange={(e) => setParams(paramPatch(COUNT, e.target.value), { replace: true })}>
          {MEMBER_COUNTS.map((c) => (
            <option key={c} value={c}>
              {t(`clusters.count.${c}` as const)}
            </option>
          ))}
        </select>
      </div>
      <p className="meta-line">{count === 'members' ? t('clusters.membersSubtitle', { groupBy }) : t('clusters.activeSubtitle', { groupBy })}</p>
    </ChartPanel>
  );
}

function ContributionsPanel({ data, subtitle, compact }: PanelProps) {
  const { t, fmt } = useI18n();
  const [filters] = useFilters();
  const model = useMemo(() => {
    const groupLabel = (g: ClusterGroup) => groupTitle(g, data.groupBy, fmt);
    const kinds = Object.fromEntries(CONTRIBUTION_KINDS.map((k) => [k, t(`clusters.kind.${k}` as const)])) as Record<ContributionKind, string>;
    const labels: ContributionLabels = { type: (x) => typeLabel(t, x), kinds, suppressed: t('suppressed.label') };
    const rows = contributionRows(data, labels.type);
    const ariaLabel = describeContributions(rows, labels, { overall: (v) => t('clusters.ariaContributions', v), none: t('clusters.ariaContributionsNone') }, fmt.number);
    const option = contributionsOption(data, { labels, formatNumber: fmt.number, ariaDescription: ariaLabel, compact });
    const table = contributionTable(data, groupLabel, {
      caption: t('clusters.contributionsCaption'),
      group: t('clusters.col.group'),
      type: t('clusters.col.type'),
      totals: t('clusters.totals'),
      typeLabel: labels.type,
      kinds,
    });
    return { rows, option, ariaLabel, table };
  }, [data, t, fmt, compact]);
  return (
    <ChartPanel
      title={t('clusters.contributionsTitle')}
      subtitle={subtitle}
      fileParts={['meic', 'clusters', 'contributions', ...selectionParts(filters, data.groupBy)]}
      option={model.option}
      ariaLabel={model.ariaLabel}
      height={contributionsChartHeight(model.rows.length)}
      table={model.table}
      minCell={data.minCell}
    >
      <p className="meta-line">{t('clusters.contributionsSubtitle')}</p>
      {model.rows.length === 0 ? <p className="notice notice--info">{t('clusters.noContributions')}</p> : null}
    </ChartPanel>
  );
}

function anySuppressed(data: ClustersResponse): boolean {
  return [data.totals, ...data.groups].some(
    (f) => [f.enrolled, f.members, f.activeMembers, f.placementRatePct].some((c) => c.suppressed) || f.byType.some((x) => [x.members, x.active, x.internships, x.placements, x.courses].some((c) => c.suppressed)),
  );
}

export default function ClustersPage() {
  const { t, fmt } = useI18n();
  const [filters] = useFilters();
  const compact = useCompact();
  const request = useViewData(isRangeValid(filters) ? ['clusters', overviewQuery(filters)] : null, (tok, signal) => fetchClusters(tok, filters, signal));

  return (
    <ViewShell
      title={t('clusters.title')}
      lead={t('clusters.lead')}
      state={request}
      isEmpty={(d) => d.groups.length === 0}
      meta={(d) => ({ text: periodText(d.filters, t, fmt), answer: d })}
    >
      {(d) => {
        const subtitle = groupedSubtitle(d, t, fmt);
        return (
          <>
            <IntensityPanel data={d} subtitle={subtitle} compact={compact} />
            <MembersPanel data={d} subtitle={subtitle} compact={compact} />
            <ContributionsPanel data={d} subtitle={subtitle} compact={compact} />
            <p className="footnote">{t('clusters.note')}</p>
            <p className="footnote">{t('kpi.rateHelp')}.</p>
            {anySuppressed(d) ? <SuppressionNote minCell={d.minCell} /> : null}
          </>
        );
      }}
    </ViewShell>
  );
}
