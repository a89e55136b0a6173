// The page every view is, written once: its head (title, lead), the filter bar for the filters
// its route accepts, its own parameters and controls, then its figures in whichever state the
// request is in (invalid input, loading, a designed panel per kind of failure, empty), or the
// figures under the line saying what they are for, when they were computed and how they were
// protected. A view keeps only what is its own: its query, its transforms, its panels.
import { useCallback, useId, type ReactElement, type ReactNode } from 'react';
import type { ApiErrorKind } from '@/api/http';
import type { DisclosureNote as Note } from '@/api/types';
import { DisclosureNote } from '@/components/disclosure-note';
import { StatePanel } from '@/components/state-panel';
import { EmptyState, ErrorState, LoadingState, useDocumentTitle } from '@/components/view-states';
import { FilterBar } from '@/filters/filter-bar';
import { RESET_FILTERS, isRangeValid, type FilterKey, type Filters } from '@/filters/filters';
import { useSiteOptions } from '@/hooks/use-site-options';
import { useI18n } from '@/i18n/i18n';
import { useFilters, useViewParams } from '@/router/query';
import { useViewRoute } from '@/router/view-route';
import { shellBody, type ViewData } from './view-data';
import { paramPatch, readParam, type ParamSelect } from './view-params';

/** What a response says of itself, shown above its figures. */
export interface AnswerNotes {
  generatedAt?: string | null;
  disclosure?: Note | null;
}

/** The line above the figures: what they are for (period, selection, as-of), and the response. */
export interface FiguresMeta {
  text: ReactNode;
  answer: AnswerNotes;
}

export interface ViewShellProps<T> {
  /** The page heading (h1), also the document title. */
  title: string;
  /** The paragraph under the heading. */
  lead: string;
  /** The view's own parameters, as selects in a row under the filter bar. */
  params?: readonly ParamSelect[];
  /** Anything else of the view's between the filters and the figures (a form, controls, a notice). */
  controls?: ReactNode;
  /** The request (useViewData; withModel for a view that builds a model of the answer). */
  state: ViewData<T>;
  /** The view's own input cannot be asked for: this panel stands where the figures go. */
  invalid?: ReactNode;
  /** Offered by the empty and bad-request panels; by default the filter bar's reset, if the view has one. */
  onReset?: () => void;
  /** The answer has nothing to show: the designed empty panel, saying `emptyText` (default: the generic text). */
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  /** A panel instead of figures the answer has but cannot show (e.g. all suppressed); null: the figures. */
  instead?: (data: T) => ReactElement | null;
  /** A view's own panel for a kind of failure, instead of the designed one. */
  errors?: Partial<Record<ApiErrorKind, ReactNode>>;
  /** The line above the figures; without it the figures stand alone (no line, no disclosure note). */
  meta?: (data: T) => FiguresMeta;
  /** Said while loading and updating (the request is known to be slow). */
  slowNote?: string | null;
  /** The figures: panels, charts (ChartPanel / EChartsChart) and tables. */
  children: (data: T) => ReactNode;
  /** After the figures, whatever their state. */
  footer?: ReactNode;
}

const NO_FILTERS: readonly FilterKey[] = [];

export function ViewShell<T>(props: ViewShellProps<T>) {
  const { title, lead, params, controls, state, invalid, onReset, footer } = props;
  const { t } = useI18n();
  const [filters, setFilters] = useFilters();
  const filterKeys = useViewRoute()?.filters ?? NO_FILTERS;
  const hasFilterBar = filterKeys.length > 0;
  const resetFilters = useCallback(() => setFilters(RESET_FILTERS), [setFilters]);
  useDocumentTitle(title);

  const dated = filterKeys.includes('from') || filterKeys.includes('to');
  const body = shellBody({
    state,
    rangeValid: !dated || isRangeValid(filters),
    invalid: invalid !== undefined && invalid !== null && invalid !== false,
    isEmpty: props.isEmpty,
    instead: props.instead,
  });
  const reset = onReset ?? (hasFilterBar ? resetFilters : undefined);

  let content: ReactNode;
  switch (body.show) {
    case 'range-invalid':
      content = <StatePanel tone="warning" title={t('filters.rangeInvalid')} />;
      break;
    case 'invalid':
      content = invalid;
      break;
    case 'error':
      content = props.errors?.[body.kind] ?? <ErrorState error={body.error} onRetry={state.retry} onReset={reset} />;
      break;
    case 'loading':
      content = (
        <>
          <LoadingState />
          {props.slowNote ? <p className="footnote">{props.slowNote}</p> : null}
        </>
      );
      break;
    case 'empty':
      content = <EmptyState onReset={reset}>{props.emptyText ? <p>{props.emptyText}</p> : undefined}</EmptyState>;
      break;
    case 'instead':
      content = body.content;
      break;
    case 'figures':
      content = props.meta ? (
        <Figures meta={props.meta(body.data)} updating={body.updating} slowNote={props.slowNote}>
          {props.children(body.data)}
        </Figures>
      ) : (
        props.children(body.data)
      );
      break;
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>{title}</h1>
        <p className="lead">{lead}</p>
      </div>
      {hasFilterBar ? (
        <ShellFilters filters={filters} setFilters={setFilters} keys={filterKeys} loaded={state.status === 'ready' && !state.updating} />
      ) : null}
      {params?.length ? <ParamSelects selects={params} /> : null}
      {controls}
      {content}
      {footer}
    </div>
  );
}

function ShellFilters({ filters, setFilters, keys, loaded }: { filters: Filters; setFilters(patch: Partial<Filters>): void; keys: readonly FilterKey[]; loaded: boolean }) {
  const { t } = useI18n();
  // The sites this role may see, asked again once the view's request succeeds if the first try failed.
  const sites = useSiteOptions(loaded);
  return (
    <>
      <FilterBar filters={filters} onChange={(patch) => setFilters(patch)} available={keys} sites={sites} />
      {filters.programme && !keys.includes('programme') ? (
        <p className="notice notice--info">
          {t('filters.programmeIgnored', { programme: filters.programme })}{' '}
          <button type="button" className="link-button" onClick={() => setFilters({ programme: null })}>
            {t('filters.removeProgramme')}
          </button>
        </p>
      ) : null}
    </>
  );
}

function ParamSelects({ selects }: { selects: readonly ParamSelect[] }) {
  const id = useId();
  const [params, setParams] = useViewParams();
  return (
    <div className="view-controls">
      {selects.map(({ param, label, optionLabel }) => (
        <label key={param.name} htmlFor={`${id}-${param.name}`}>
          {label}
          <select id={`${id}-${param.name}`} value={readParam(params, param)} onChange={(e) => setParams(paramPatch(param, e.target.value))}>
            {param.values.map((v) => (
              <option key={v} value={v}>
                {optionLabel(v)}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}

/** The figures under their line: dimmed (and busy) while a newer answer is on its way. */
function Figures({ meta, updating, slowNote, children }: { meta: FiguresMeta; updating: boolean; slowNote?: string | null; children: ReactNode }) {
  const { t, fmt } = useI18n();
  const { generatedAt, disclosure } = meta.answer;
  return (
    <div className={updating ? 'is-updating' : undefined} aria-busy={updating}>
      <p className="meta-line">
        {meta.text}
        {generatedAt ? <> · {t('overview.generatedAt', { date: fmt.dateTime(generatedAt) })}</> : null}
        {updating ? (
          <span className="updating" role="status">
            {' '}
            · {t('state.updating')}
            {slowNote ? ` ${slowNote}` : ''}
          </span>
        ) : null}
      </p>
      <DisclosureNote note={disclosure ?? null} />
      {children}
    </div>
  );
}
