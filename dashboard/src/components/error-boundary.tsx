import { Component, type ErrorInfo, type ReactNode } from 'react';
import { StatePanel } from './state-panel';

interface Texts {
  title: string;
  body: string;
  reload: string;
  details: string;
}

interface Props {
  texts: Texts;
  /** Changing it (e.g. the path) clears a caught error. */
  resetKey: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: string;
}

/** Keeps a failing view (or a chunk that failed to load) from blanking the page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('View crashed', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { texts } = this.props;
    return (
      <StatePanel
        tone="error"
        title={texts.title}
        live="assertive"
        details={{ summary: texts.details, text: `${error.name}: ${error.message}` }}
        actions={
          <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
            {texts.reload}
          </button>
        }
      >
        <p>{texts.body}</p>
      </StatePanel>
    );
  }
}
