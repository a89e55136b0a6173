import { useEffect } from 'react';
import { errorKindOf } from '@/api/http';
import { useAuth } from '@/auth/auth';
import { useRequest } from '@/hooks/use-request';
import { toViewData, type ViewData, type ViewDataOptions } from './view-data';

/**
 * Loads `load` for the signed-in token, again whenever `deps` change (compared as JSON: pass the
 * query the request is made of); `deps` null asks nothing (e.g. the view's input is invalid).
 * A 401 signs out with a message. The answer comes as one discriminated state (view-data.ts).
 */
export function useViewData<T>(deps: readonly unknown[] | null, load: (token: string, signal: AbortSignal) => Promise<T>, opts?: ViewDataOptions): ViewData<T> {
  const { token, signOut } = useAuth();
  const key = token && deps !== null ? `${token}|${JSON.stringify(deps)}` : null;
  const request = useRequest(key, (signal) => load(token ?? '', signal));
  const error = request.status === 'error' ? request.error : null;
  useEffect(() => {
    if (error !== null && errorKindOf(error) === 'unauthorized') signOut('notice.sessionEnded');
  }, [error, signOut]);
  return toViewData(request, key !== null, opts);
}
