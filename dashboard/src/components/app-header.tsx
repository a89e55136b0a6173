import { useAuth } from '@/auth/auth';
import { useRoleLabel } from '@/auth/role-label';
import { useI18n } from '@/i18n/i18n';
import { LANGS, LANG_NAMES, isLang } from '@/i18n/langs';
import { withCurrentQuery } from '@/router/query';
import { Link, useLocation } from '@/router/router';
import { HOME_PATH } from '@/router/view-route';
import { ROUTES } from '@/routes';

export function AppHeader() {
  const { t, lang, setLang, fmt } = useI18n();
  const { claims, signOut } = useAuth();
  const { pathname, search } = useLocation();
  const roleLabel = useRoleLabel();

  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link to={withCurrentQuery(HOME_PATH, search)} className="brand">
          <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="6" fill="#0b3a5b" />
            <rect x="7" y="16" width="4" height="9" fill="#56B4E9" />
            <rect x="14" y="10" width="4" height="15" fill="#E69F00" />
            <rect x="21" y="6" width="4" height="19" fill="#009E73" />
          </svg>
          <span className="brand__text">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </span>
        </Link>

        <div className="app-header__tools">
          <label className="lang-select">
            <span className="visually-hidden">{t('lang.label')}</span>
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="lang-select__icon">
              <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm6.9 6h-2.95a15.7 15.7 0 0 0-1.38-3.56A8.03 8.03 0 0 1 18.9 8ZM12 4.04c.83 1.2 1.48 2.53 1.91 3.96h-3.82c.43-1.43 1.08-2.76 1.91-3.96ZM4.26 14a8.2 8.2 0 0 1 0-4h3.38a16.5 16.5 0 0 0 0 4H4.26Zm.82 2h2.95c.32 1.25.78 2.45 1.38 3.56A7.99 7.99 0 0 1 5.08 16Zm2.95-8H5.08a7.99 7.99 0 0 1 4.33-3.56A15.7 15.7 0 0 0 8.03 8ZM12 19.96A14.1 14.1 0 0 1 10.09 16h3.82A14.1 14.1 0 0 1 12 19.96ZM14.34 14H9.66a14.7 14.7 0 0 1 0-4h4.68a14.7 14.7 0 0 1 0 4Zm.25 5.56c.6-1.11 1.06-2.31 1.38-3.56h2.95a8.03 8.03 0 0 1-4.33 3.56ZM16.36 14a16.5 16.5 0 0 0 0-4h3.38a8.2 8.2 0 0 1 0 4h-3.38Z" />
            </svg>
            <select
              value={lang}
              onChange={(e) => {
                if (isLang(e.target.value)) setLang(e.target.value);
              }}
            >
              {LANGS.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANG_NAMES[l]}
                </option>
              ))}
            </select>
          </label>

          {claims ? (
            <div className="user">
              <div className="user__who">
                <span className="user__label">{t('auth.signedInAs')}</span>{' '}
                <strong className="user__role">{roleLabel(claims.role)}</strong>
                {claims.sites.length > 0 ? (
                  <span className="user__sites">{t('auth.sites', { sites: fmt.list(claims.sites) })}</span>
                ) : null}
                {claims.exp !== null ? (
                  <span className="visually-hidden">{t('auth.expires', { time: fmt.time(new Date(claims.exp * 1000)) })}</span>
                ) : null}
              </div>
              <button type="button" className="button button--quiet" onClick={() => signOut('notice.signedOut')}>
                {t('auth.signOut')}
              </button>
            </div>
          ) : null}
        </div>

        {claims ? (
          <nav className="app-nav" aria-label={t('nav.label')}>
            <ul>
              {ROUTES.map((r) => (
                <li key={r.path}>
                  <Link to={withCurrentQuery(r.path, search)} aria-current={pathname === r.path ? 'page' : undefined}>
                    {t(r.navKey)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </div>
    </header>
  );
}
