import { useState } from 'react';

export interface LongTextProps {
  text: string;
  /** Characters shown before "Show all". */
  limit?: number;
  className?: string;
}

/**
 * A value that may be a few characters or a few megabytes (a script's source, a policy document):
 * wrapped, cut at `limit` with a way to see the rest, and always plain text.
 */
export function LongText({ text, limit = 600, className }: LongTextProps): React.JSX.Element {
  const [open, setOpen] = useState(false);
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
