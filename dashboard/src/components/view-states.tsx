// The designed states every view shares: loading, empty, and each kind of failure.
import { useEffect, type ReactNode } from 'react';
import { ApiError, errorKindOf } from '@/api/http';
import { useAuth } from '@/auth/auth';
import { useRoleLabel } from '@/auth/role-label';
import { useI18n } from '@/i18n/i18n';
import { StatePanel } from './state-panel';

/** Sets the document title to "<view> · MEIC dashboard" in the current language. */
export function useDocumentTitle(title: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}

export function LoadingState() {
  const { t } = useI18n();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="visually-hidden">{t('state.loading')}</span>
      <div className="skeleton skeleton--line" aria-hidden="true" />
      <div className="skeleton skeleton--card" aria-hidden="true" />
      <div className="skeleton skeleton--chart" aria-hidden="true">
        <span className="skeleton__label">{t('state.loading')}</span>
      </div>
    </div>
  );
}

export function EmptyState({ onReset, children }: { onReset?: () => void; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <StatePanel
      tone="info"
      title={t('state.emptyTitle')}
      actions={
        onReset ? (
          <button type="button" className="button" onClick={onReset}>
            {t('filters.reset')}
          </button>
        ) : undefined
      }
    >
      {children ?? <p>{t('state.emptyBody')}</p>}
    </StatePanel>
  );
}

export function ErrorState({ error, onRetry, onReset }: { error: unknown; onRetry(): void; onReset?: () => void }) {
  const { t } = useI18n();
  const { claims } = useAuth();
  const roleLabel = useRoleLabel();
  const role = claims ? roleLabel(claims.role) : '';
  const kind = errorKindOf(error);
  const detail = error instanceof ApiError ? [error.status ? `HTTP ${error.status}` : null, error.problem?.title, error.message].filter(Boolean).join(' — ') : String(error);
  const details = { summary: t('state.details'), text: detail };
  const retry = (
    <button type="button" className="button button--primary" onClick={onRetry}>
      {t('state.retry')}
    </button>
  );

  switch (kind) {
    case 'forbidden':
      return (
        <StatePanel tone="warning" title={t('state.forbiddenTitle')} details={details}>
          <p>{t('state.forbiddenBody', { role })}</p>
        </StatePanel>
      );
    case 'bad-request':
      return (
        <StatePanel
          tone="warning"
          title={t('state.badRequestTitle')}
          details={details}
          actions={
            onReset ? (
              <button type="button" className="button" onClick={onReset}>
                {t('filters.reset')}
              </button>
            ) : undefined
          }
        >
          <p>{t('state.badRequestBody')}</p>
        </StatePanel>
      );
    case 'invalid-response':
      return (
        <StatePanel tone="error" title={t('state.invalidTitle')} details={details} actions={retry} live="assertive">
          <p>{t('state.invalidBody')}</p>
        </StatePanel>
      );
    case 'timeout':
      return (
        <StatePanel tone="warning" title={t('state.timeoutTitle')} details={details} actions={retry} live="assertive">
          <p>{t('state.timeoutBody')}</p>
        </StatePanel>
      );
    case 'unauthorized': // handled by signing out; shown only for the moment before that
    case 'unavailable':
      return (
        <StatePanel tone="error" title={t('state.unavailableTitle')} details={details} actions={retry} live="assertive">
          <p>{t('state.unavailableBody')}</p>
        </StatePanel>
      );
  }
}
