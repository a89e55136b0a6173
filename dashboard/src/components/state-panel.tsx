import type { ReactNode } from 'react';

type Tone = 'info' | 'warning' | 'error';

interface StatePanelProps {
  tone: Tone;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  details?: { summary: string; text: string } | null;
  /** Errors interrupt; empty states do not. */
  live?: 'assertive' | 'polite';
}

const ICONS: Record<Tone, ReactNode> = {
  info: <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-6h2v6Zm0-8h-2V7h2v2Z" />,
  warning: <path d="M1 21h22L12 2 1 21Zm12-3h-2v-2h2v2Zm0-4h-2v-4h2v4Z" />,
  error: <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-2h2v2Zm0-4h-2V7h2v6Z" />,
};

/** The designed stand-in for content that cannot be shown: empty, error, forbidden. */
export function StatePanel({ tone, title, children, actions, details, live = 'polite' }: StatePanelProps) {
  return (
    <section className={`state-panel state-panel--${tone}`} role={tone === 'error' ? 'alert' : 'status'} aria-live={live}>
      <svg className="state-panel__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {ICONS[tone]}
      </svg>
      <div className="state-panel__body">
        <h2 className="state-panel__title">{title}</h2>
        {children}
        {actions ? <div className="state-panel__actions">{actions}</div> : null}
        {details ? (
          <details className="state-panel__details">
            <summary>{details.summary}</summary>
            <code>{details.text}</code>
          </details>
        ) : null}
      </div>
    </section>
  );
}
