import { Suspense, useLayoutEffect, type ReactNode } from 'react';
import { AuthProvider, useAuth } from './auth/auth';
import { AppHeader } from './components/app-header';
import { ErrorBoundary } from './components/error-boundary';
import { I18nProvider, useI18n } from './i18n/i18n';
import { navigate, normalisePath, useLocation } from './router/router';
import { ViewRouteContext } from './router/view-route';
import { HOME_PATH, findRoute } from './routes';
import { NotFoundPage } from './views/not-found/not-found-page';
import { SignInPage } from './views/sign-in/sign-in-page';

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <Shell />
      </AuthProvider>
    </I18nProvider>
  );
}

function ViewLoading() {
  const { t } = useI18n();
  return (
    <div className="loading" role="status">
      <span className="visually-hidden">{t('state.loading')}</span>
      <div className="skeleton skeleton--line" aria-hidden="true" />
      <div className="skeleton skeleton--card" aria-hidden="true" />
    </div>
  );
}

function Shell() {
  const { t } = useI18n();
  const { token } = useAuth();
  const { pathname, search } = useLocation();
  const path = normalisePath(pathname);

  // "/" opens the overview; "/overview/" is "/overview". Filters and language are kept.
  useLayoutEffect(() => {
    if (path === '/') navigate(HOME_PATH + search, { replace: true });
    else if (path !== pathname) navigate(path + search, { replace: true });
  }, [path, pathname, search]);

  const route = findRoute(path);
  let content: ReactNode;
  if (path === '/') content = null;
  else if (!route) content = <NotFoundPage />;
  else if (!token) content = <SignInPage />;
  else {
    const View = route.component;
    content = (
      <ViewRouteContext.Provider value={route}>
        <Suspense fallback={<ViewLoading />}>
          <View />
        </Suspense>
      </ViewRouteContext.Provider>
    );
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <main id="main" tabIndex={-1}>
        <ErrorBoundary
          resetKey={path}
          texts={{ title: t('state.crashTitle'), body: t('state.crashBody'), reload: t('state.reload'), details: t('state.details') }}
        >
          {content}
        </ErrorBoundary>
      </main>
      <footer className="app-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
