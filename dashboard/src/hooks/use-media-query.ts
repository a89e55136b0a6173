import { useCallback, useSyncExternalStore } from 'react';
import { COMPACT_MEDIA } from '@/charts/chart-theme';

/** Whether a CSS media query matches, kept up to date. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches, () => false);
}

/** Whether charts are drawn compact (narrow screens, chart-theme's COMPACT_MEDIA). */
export function useCompact(): boolean {
  return useMediaQuery(COMPACT_MEDIA);
}
