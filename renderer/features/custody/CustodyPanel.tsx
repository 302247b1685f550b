import { useState } from 'react';
import type { CustodyPage } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { formatCount, formatTime, zoneLabel } from '../../app/format.ts';
import { Modal } from '../../app/Modal.tsx';
import { useScope } from '../../app/scope.tsx';
import { useEngineQuery } from '../../app/use-engine-query.ts';
import './custody.css';

const PAGE = 300;

/** An entry's details as `key value` lines; values are shown as text, long ones cut. */
function Details({ value }: { value: unknown }): React.JSX.Element {
  const entries = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [['', value] as [string, unknown]];
  return (
    <div className="custody-details">
      {entries
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => {
          const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
          return (
            <span key={k} className="custody-detail">
              {k && <span className="custody-key">{k}</span>} {text.length > 400 ? `${text.slice(0, 400)}…` : text}
            </span>
          );
        })}
    </div>
  );
}

/**
 * The custody log: every import, pull, export, report, annotation, view and copy of the case, with
 * who and when. Read-only: there is no way to change an entry, here or anywhere.
 */
export function CustodyPanel({ open, generation, onClose }: { open: boolean; generation: number; onClose(): void }): React.JSX.Element {
  const { zone } = useScope();
  const [actions, setActions] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [newest, setNewest] = useState(true);
  const [limit, setLimit] = useState(PAGE);
  const q = useEngineQuery<CustodyPage>(
    JSON.stringify([actions, text, newest, limit, generation]),
    () => api.listCustody({ ...(actions.length ? { actions } : {}), ...(text.trim() ? { text } : {}), newestFirst: newest, limit }),
    open,
  );
  const page = q.value;
  const toggle = (a: string): void => setActions((xs) => (xs.includes(a) ? xs.filter((x) => x !== a) : [...xs, a]));
  return (
    <Modal open={open} onClose={onClose} title="Custody log" testId="custody-panel" className="custody-dialog">
      <div className="custody-filters">
        <input type="search" placeholder="Find in actions, people and details…" value={text} onChange={(e) => setText(e.target.value)} aria-label="Find" data-testid="custody-search" />
        <label className="check">
          <input type="checkbox" checked={newest} onChange={(e) => setNewest(e.target.checked)} />
          Newest first
        </label>
      </div>
      <div className="custody-actions" role="group" aria-label="Actions">
        {page?.actions.map((a) => (
          <button
            key={a.action}
            type="button"
            className={actions.includes(a.action) ? 'custody-action on' : 'custody-action'}
            aria-pressed={actions.includes(a.action)}
            onClick={() => toggle(a.action)}
            data-testid="custody-action"
            data-action={a.action}
          >
            {a.action} <span className="muted">{formatCount(a.count)}</span>
          </button>
        ))}
      </div>
      <p className="muted custody-count" data-testid="custody-count">
        {page ? `${formatCount(page.total)} entries${actions.length || text.trim() ? ' match' : ''} · append-only · times ${zoneLabel(zone)}` : 'Loading…'}
      </p>
      <table className="custody-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">Who</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {page?.rows.map((r) => (
            <tr key={r.id} data-testid="custody-row" data-action={r.action}>
              <td className="num">{r.id}</td>
              <td className="mono">{formatTime(r.at, zone)}</td>
              <td>{r.action}</td>
              <td>{r.actor ?? ''}</td>
              <td>
                <Details value={r.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.rows.length < page.total && (
        <button type="button" className="link" onClick={() => setLimit((l) => l + PAGE)}>
          Show {formatCount(Math.min(PAGE, page.total - page.rows.length))} more
        </button>
      )}
    </Modal>
  );
}
