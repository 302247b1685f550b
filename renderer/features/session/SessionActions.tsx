import { useState } from 'react';
import type { EventQuery } from '../../../preload/api.ts';
import { useInvestigate } from '../../app/investigate.tsx';
import { Popover } from '../../app/Popover.tsx';
import { CustodyPanel } from '../custody/CustodyPanel.tsx';
import { ExportDialog } from '../export/ExportDialog.tsx';
import { ReportDialog } from '../export/ReportDialog.tsx';
import { SaveCaseAsDialog } from './SaveCaseAsDialog.tsx';
import './session.css';

export interface SessionActionsProps {
  casePath: string;
  query: EventQuery;
  total: number | null;
  generation: number;
}

type Open = 'export' | 'report' | 'custody' | 'save-as' | null;

/** The header's entries to the investigator's own work: findings, export, report, custody log, a copy of the case. */
export function SessionActions({ casePath, query, total, generation }: SessionActionsProps): React.JSX.Element {
  const investigate = useInvestigate();
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const item = (id: Exclude<Open, null>, label: string, testId: string): React.JSX.Element => (
    <button
      type="button"
      role="menuitem"
      className="menu-item"
      data-testid={testId}
      onClick={() => {
        setMenu(null);
        setOpen(id);
      }}
    >
      {label}
    </button>
  );
  return (
    <>
      <button type="button" className="secondary" onClick={() => investigate.openAnnotations()} data-testid="annotations-button" title="Bookmarks, tags and notes">
        ★ Findings
      </button>
      <button
        type="button"
        className="secondary"
        aria-haspopup="menu"
        aria-expanded={menu !== null}
        data-testid="case-menu"
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          setMenu({ x: box.right, y: box.bottom + 4 });
        }}
      >
        Case ▾
      </button>
      {menu && (
        <Popover at={menu} alignRight onClose={() => setMenu(null)} label="Case" role="menu" className="case-menu" testId="case-menu-list">
          {item('export', 'Export events…', 'menu-export')}
          {item('report', 'Report of bookmarked events…', 'menu-report')}
          {item('custody', 'Custody log', 'menu-custody')}
          <hr />
          {item('save-as', 'Save case as…', 'menu-save-as')}
        </Popover>
      )}
      {open === 'export' && <ExportDialog query={query} total={total} onClose={() => setOpen(null)} />}
      {open === 'report' && <ReportDialog onClose={() => setOpen(null)} />}
      <CustodyPanel open={open === 'custody'} generation={generation} onClose={() => setOpen(null)} />
      {open === 'save-as' && <SaveCaseAsDialog casePath={casePath} onClose={() => setOpen(null)} />}
    </>
  );
}
