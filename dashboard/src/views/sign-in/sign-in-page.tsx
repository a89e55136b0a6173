import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useAuth, type SignInError } from '@/auth/auth';
import { parseDevTokens, type DevToken } from '@/auth/token';
import { useRoleLabel } from '@/auth/role-label';
import { useI18n } from '@/i18n/i18n';

type DevState = { status: 'loading' } | { status: 'none' } | { status: 'ready'; tokens: DevToken[] };

async function loadDevTokens(signal: AbortSignal): Promise<DevToken[] | null> {
  try {
    const res = await fetch('/dev/tokens.json', { headers: { accept: 'application/json' }, signal, cache: 'no-store' });
    if (!res.ok || !/json/i.test(res.headers.get('content-type') ?? '')) {
      void res.body?.cancel().catch(() => undefined); // not served here: release the connection
      return null;
    }
    const tokens = parseDevTokens(await res.json());
    return tokens && tokens.length > 0 ? tokens : null;
  } catch {
    return null;
  }
}

const TOKEN_COMMAND = 'npm run token -- --role consortium_lead';

/**
 * Shown in place of any view while nobody is signed in, so that after signing in the
 * requested view (with its filters) appears. The dashboard holds no signing key: it
 * takes a token issued elsewhere.
 */
export function SignInPage() {
  const { t, fmt } = useI18n();
  const { signIn, notice } = useAuth();
  const roleLabel = useRoleLabel();
  const [dev, setDev] = useState<DevState>({ status: 'loading' });
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<SignInError | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const fieldId = useId();

  useEffect(() => {
    const controller = new AbortController();
    void loadDevTokens(controller.signal).then((tokens) => {
      if (!controller.signal.aborted) setDev(tokens ? { status: 'ready', tokens } : { status: 'none' });
    });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(signIn(pasted));
  };

  return (
    <div className="sign-in">
      <div className="sign-in__card">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('signIn.title')}
        </h1>
        <p className="lead">{t('signIn.intro')}</p>

        {notice ? (
          <p className={`notice ${notice === 'notice.signedOut' ? 'notice--info' : 'notice--warning'}`} role="status">
            {t(notice)}
          </p>
        ) : null}

        <section aria-labelledby="dev-roles" className="sign-in__section">
          {dev.status === 'loading' ? (
            <p className="muted" aria-live="polite">
              {t('signIn.devLoading')}
            </p>
          ) : dev.status === 'ready' ? (
            <>
              <h2 id="dev-roles">{t('signIn.devTitle')}</h2>
              <p className="muted">{t('signIn.devIntro')}</p>
              <ul className="role-list">
                {dev.tokens.map((d) => (
                  <li key={`${d.role}:${d.sites.join(',')}`}>
                    <button type="button" className="role-button" onClick={() => setError(signIn(d.token))}>
                      <span className="role-button__role">{t('signIn.devAs', { role: roleLabel(d.role) })}</span>
                      {d.sites.length > 0 ? <span className="role-button__sites">{t('auth.sites', { sites: fmt.list(d.sites) })}</span> : null}
                      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="role-button__arrow">
                        <path d="M8.6 16.6 13.2 12 8.6 7.4 10 6l6 6-6 6z" />
                      </svg>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <h2 id="dev-roles">{t('signIn.noDevTitle')}</h2>
              <p>{t('signIn.noDevIntro')}</p>
              <pre className="command">
                <code>{TOKEN_COMMAND}</code>
              </pre>
            </>
          )}
        </section>

        <form className="sign-in__section" onSubmit={submit} noValidate>
          <h2>{t('signIn.pasteTitle')}</h2>
          <label htmlFor={fieldId} className="field-label">
            {t('signIn.tokenLabel')}
          </label>
          <textarea
            id={fieldId}
            className="token-field"
            rows={3}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            value={pasted}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${fieldId}-hint${error ? ` ${fieldId}-error` : ''}`}
            onChange={(e) => {
              setPasted(e.target.value);
              setError(null);
            }}
          />
          <p id={`${fieldId}-hint`} className="hint">
            {t('signIn.tokenHint')}
          </p>
          {error ? (
            <p id={`${fieldId}-error`} className="field-error" role="alert">
              {t(error)}
            </p>
          ) : null}
          <button type="submit" className="button button--primary" disabled={pasted.trim() === ''}>
            {t('signIn.submit')}
          </button>
        </form>
      </div>
    </div>
  );
}
