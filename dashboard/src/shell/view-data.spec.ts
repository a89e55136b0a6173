import { ApiError } from '@/api/http';
import type { RequestState } from '@/hooks/use-request';
import { shellBody, toViewData, withModel, type ViewData } from './view-data';

const retry = () => undefined;
const req = <T>(s: RequestState<T>) => ({ ...s, retry });
const failure = (kind: ApiError['kind']) => new ApiError(kind, null, null, kind);
const answer = { groups: [1, 2] };

describe('toViewData', () => {
  it('is idle when nothing was asked, whatever the request last held', () => {
    expect(toViewData(req({ status: 'success', data: answer, error: null }), false)).toMatchObject({ status: 'idle', data: null });
  });

  it('is loading until the first answer, then ready; a newer request in flight is "updating"', () => {
    expect(toViewData(req({ status: 'loading', data: null, error: null }), true)).toMatchObject({ status: 'loading', data: null });
    expect(toViewData(req({ status: 'success', data: answer, error: null }), true)).toMatchObject({ status: 'ready', data: answer, updating: false, error: null });
    expect(toViewData(req({ status: 'loading', data: answer, error: null }), true)).toMatchObject({ status: 'ready', data: answer, updating: true });
  });

  it('gives a failure its kind; anything but an ApiError is "unavailable"', () => {
    expect(toViewData(req({ status: 'error', data: null, error: failure('forbidden') }), true)).toMatchObject({ status: 'error', kind: 'forbidden' });
    expect(toViewData(req({ status: 'error', data: null, error: new TypeError('x') }), true)).toMatchObject({ status: 'error', kind: 'unavailable' });
  });

  it('replaces earlier figures with the failure, unless asked to keep them', () => {
    const failed = req({ status: 'error', data: answer, error: failure('timeout') });
    expect(toViewData(failed, true)).toMatchObject({ status: 'error', kind: 'timeout', data: null });
    expect(toViewData(failed, true, { keepDataOnError: true })).toMatchObject({ status: 'ready', data: answer, updating: false, error: failed.error });
    // Nothing to keep: the failure shows.
    expect(toViewData(req({ status: 'error', data: null, error: failure('timeout') }), true, { keepDataOnError: true })).toMatchObject({ status: 'error', kind: 'timeout' });
  });

  it('shows nothing for a 401 (the hook signs out)', () => {
    expect(toViewData(req({ status: 'error', data: null, error: failure('unauthorized') }), true)).toMatchObject({ status: 'loading', data: null });
  });

  it('carries retry in every state', () => {
    expect(toViewData(req({ status: 'loading', data: null, error: null }), false).retry).toBe(retry);
    expect(toViewData(req({ status: 'error', data: null, error: failure('unavailable') }), true).retry).toBe(retry);
  });
});

describe('withModel', () => {
  const ready = toViewData(req({ status: 'loading', data: answer, error: null }), true);

  it('puts the model in place of the answer, keeping the rest of the state', () => {
    expect(withModel(ready, { rows: 2 })).toMatchObject({ status: 'ready', data: { rows: 2 }, updating: true, retry });
  });

  it('counts an answer without a model yet as loading, and leaves other states alone', () => {
    expect(withModel(ready, null)).toMatchObject({ status: 'loading', data: null, retry });
    const failed = toViewData(req({ status: 'error', data: null, error: failure('forbidden') }), true);
    expect(withModel(failed, { rows: 2 })).toBe(failed);
  });
});

describe('shellBody', () => {
  const state = (s: RequestState<typeof answer>, asked = true): ViewData<typeof answer> => toViewData(req(s), asked);
  const ok = state({ status: 'success', data: answer, error: null });
  const base = { rangeValid: true, invalid: false };

  it("says the date range is invalid first, then the view's own invalid input", () => {
    expect(shellBody({ ...base, state: ok, rangeValid: false, invalid: true })).toEqual({ show: 'range-invalid' });
    expect(shellBody({ ...base, state: ok, invalid: true })).toEqual({ show: 'invalid' });
  });

  it('shows the failure, or loading while nothing is there yet (also when nothing was asked)', () => {
    const error = failure('bad-request');
    expect(shellBody({ ...base, state: state({ status: 'error', data: null, error }) })).toEqual({ show: 'error', error, kind: 'bad-request' });
    expect(shellBody({ ...base, state: state({ status: 'loading', data: null, error: null }) })).toEqual({ show: 'loading' });
    expect(shellBody({ ...base, state: state({ status: 'loading', data: null, error: null }, false) })).toEqual({ show: 'loading' });
  });

  it('checks an answer for emptiness, then for a panel instead of its figures', () => {
    expect(shellBody({ ...base, state: ok, isEmpty: (d) => d.groups.length === 0 })).toEqual({ show: 'figures', data: answer, updating: false });
    expect(shellBody({ ...base, state: ok, isEmpty: () => true, instead: () => 'all suppressed' })).toEqual({ show: 'empty' });
    expect(shellBody({ ...base, state: ok, instead: () => 'all suppressed' })).toEqual({ show: 'instead', content: 'all suppressed' });
    expect(shellBody({ ...base, state: ok, instead: () => null })).toEqual({ show: 'figures', data: answer, updating: false });
  });

  it('keeps the figures while a newer answer is on its way', () => {
    expect(shellBody({ ...base, state: state({ status: 'loading', data: answer, error: null }) })).toEqual({ show: 'figures', data: answer, updating: true });
  });
});
