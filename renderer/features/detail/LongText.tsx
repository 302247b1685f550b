import { useState } from 'react';
import { visibleText } from '../../app/visible-text.ts';

export interface LongTextProps {
  text: string;
  /** Characters shown before "Show all". */
  limit?: number;
  className?: string;
}

/**
 * A value that may be a few characters or a few megabytes (a script's source, a policy document):
 * wrapped, cut at `limit` with a way to see the rest, and always plain text with invisible
 * characters made visible.
 */
export function LongText({ text: recorded, limit = 600, className }: LongTextProps): React.JSX.Element {
  const [open, setOpen] = useState(false);
  // Bidi overrides and invisible characters are shown as markers, never applied.
  const text = visibleText(recorded);
  if (text.length <= limit) return <span className={`long-text ${className ?? ''}`}>{text}</span>;
  return (
    <span className={`long-text ${className ?? ''}`}>
      {open ? text : `${text.slice(0, limit)}…`}
      <button type="button" className="link more" onClick={() => setOpen(!open)} data-testid="long-text-toggle">
        {open ? 'Show less' : `Show all (${new Intl.NumberFormat('en-US').format(text.length)} characters)`}
      </button>
    </span>
  );
}
