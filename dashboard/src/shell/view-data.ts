// A view's request as one discriminated state, and which part of the page it shows: pure, so
// that the rules are tested without React (view-data.spec.ts).
import { errorKindOf, type ApiErrorKind } from '@/api/http';
import type { RequestState } from '@/hooks/use-request';

interface Retry {
  /** Asks again (the error panels' "Try again"). */
  retry(): void;
}

export type ViewData<T> = Retry &
  (
    | /** Nothing asked: the view's own input cannot be asked for (it says why). */ { status: 'idle'; data: null }
    | /** The first answer is on its way (or the session ended and signing out is under way). */ { status: 'loading'; data: null }
    | /** The request failed; `kind` chooses the designed panel. */ { status: 'error'; data: null; error: unknown; kind: ApiErrorKind }
    | {
        status: 'ready';
        data: T;
        /** A newer request is on its way: the figures shown are the previous answer's. */
        updating: boolean;
        /** With `keepDataOnError`: the last request failed and `data` is the answer before it. */
        error: unknown;
      }
  );

export interface ViewDataOptions {
  /**
   * Keep the last answer when a later request fails (a page that refreshes itself): the state
   * stays ready, with the failure in `error`. Otherwise a failure replaces the figures.
   */
  keepDataOnError?: boolean;
}

/** The state of `request`; `asked` is false when the view did not ask (its key was null). */
export function toViewData<T>(request: RequestState<T> & Retry, asked: boolean, opts: ViewDataOptions = {}): ViewData<T> {
  const { retry } = request;
  if (!asked) return { status: 'idle', data: null, retry };
  if (request.status === 'error') {
    if (opts.keepDataOnError && request.data !== null) return { status: 'ready', data: request.data, updating: false, error: request.error, retry };
    const kind = errorKindOf(request.error);
    // A 401 signs out (useViewData): there is nothing to show for the moment before that.
    if (kind === 'unauthorized') return { status: 'loading', data: null, retry };
    return { status: 'error', data: null, error: request.error, kind, retry };
  }
  if (request.data === null) return { status: 'loading', data: null, retry };
  return { status: 'ready', data: request.data, updating: request.status === 'loading', error: null, retry };
}

/**
 * The state with its answer replaced by the view's model of it (built from that answer by the
 * view, e.g. rows and chart options); no model yet counts as loading.
 */
export function withModel<T, M>(state: ViewData<T>, model: M | null): ViewData<M> {
  if (state.status !== 'ready') return state;
  return model === null ? { status: 'loading', data: null, retry: state.retry } : { ...state, data: model };
}

/** What the page shows where its figures go, in this order of precedence. */
export type ShellBody<T, I> =
  | { show: 'range-invalid' }
  | { show: 'invalid' }
  | { show: 'error'; error: unknown; kind: ApiErrorKind }
  | { show: 'loading' }
  | { show: 'empty' }
  | { show: 'instead'; content: I }
  | { show: 'figures'; data: T; updating: boolean };

export interface ShellBodyInput<T, I> {
  state: ViewData<T>;
  /** The shared filters' date range is valid (or the view has no date filters). */
  rangeValid: boolean;
  /** The view's own input is invalid (it shows its own panel). */
  invalid: boolean;
  /** The answer has nothing to show. */
  isEmpty?: (data: T) => boolean;
  /** Something to show in place of figures the answer has but cannot show (null: the figures). */
  instead?: (data: T) => I | null;
}

export function shellBody<T, I>({ state, rangeValid, invalid, isEmpty, instead }: ShellBodyInput<T, I>): ShellBody<T, I> {
  if (!rangeValid) return { show: 'range-invalid' };
  if (invalid) return { show: 'invalid' };
  switch (state.status) {
    case 'error':
      return { show: 'error', error: state.error, kind: state.kind };
    case 'idle':
    case 'loading':
      return { show: 'loading' };
    case 'ready': {
      if (isEmpty?.(state.data)) return { show: 'empty' };
      const content = instead?.(state.data) ?? null;
      if (content !== null) return { show: 'instead', content };
      return { show: 'figures', data: state.data, updating: state.updating };
    }
  }
}
