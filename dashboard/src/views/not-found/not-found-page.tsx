import { useEffect, useRef } from 'react';
import { useI18n } from '@/i18n/i18n';
import { withCurrentQuery } from '@/router/query';
import { Link, useLocation } from '@/router/router';
import { HOME_PATH } from '@/router/view-route';

export function NotFoundPage() {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
    document.title = `${t('notFound.title')} · ${t('app.name')}`;
  }, [t]);

  return (
    <div className="not-found">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('notFound.title')}
      </h1>
      <p className="lead">{t('notFound.body', { path: pathname })}</p>
      <Link to={withCurrentQuery(HOME_PATH, search)} className="button button--primary">
        {t('notFound.back')}
      </Link>
    </div>
  );
}
