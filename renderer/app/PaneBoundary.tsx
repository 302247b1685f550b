import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface PaneBoundaryProps {
  /** What the pane shows, for the message ("The detail pane failed"). */
  name: string;
  /** A new key (another event, another case generation) retries the pane by itself. */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

/**
 * One pane that throws while rendering (a value no view expected, a bug) shows a message in its
 * place, and the rest of the app stays alive: without this React unmounts the whole page.
 */
export class PaneBoundary extends Component<PaneBoundaryProps, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: PaneBoundaryProps, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.resetKey) ? null : { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for whoever reads the console (and the end-to-end tests, which collect it).
    console.warn(`AuditLens: the ${this.props.name} failed and was replaced by a message`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="pane-failed" role="alert" data-testid="pane-failed" data-pane={this.props.name}>
        <p className="pane-failed-title">The {this.props.name} could not be shown</p>
        <p className="pane-failed-detail">{error.message.slice(0, 500)}</p>
        <p className="muted">The rest of the viewer works as before.</p>
        <button type="button" className="secondary" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
