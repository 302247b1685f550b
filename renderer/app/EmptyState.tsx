import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  detail?: ReactNode;
  tone?: 'neutral' | 'error';
  /** A button that gets the user out of the empty state (e.g. Import files…). */
  action?: ReactNode;
}

/** The centred message shown instead of the table when there is nothing (or nothing yet) to list. */
export function EmptyState({ title, detail, tone = 'neutral', action }: EmptyStateProps): React.JSX.Element {
  return (
    <div className={`empty-state ${tone}`} data-testid="empty-state">
      <p className="empty-title">{title}</p>
      {detail && <p className="empty-detail">{detail}</p>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}
