import { useSyncExternalStore } from 'react';
import { currentToasts, subscribeToasts } from './toasts.ts';

/** Where notify() messages appear: bottom centre, above the status bar, announced politely. */
export function Toasts(): React.JSX.Element {
  const toasts = useSyncExternalStore(subscribeToasts, currentToasts);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.tone}`} data-testid="toast">
          {t.text}
        </div>
      ))}
    </div>
  );
}
