import { useState, type ReactNode } from 'react';
import { api } from '../api.ts';
import { ApiSourcesDialog } from '../features/collect/ApiSourcesDialog.tsx';
import { ImportButton } from '../features/import/ImportFlow.tsx';
import { SourcesDialog } from '../features/sources/SourcesDialog.tsx';

export interface CaseActionsProps {
  generation: number;
  /** A read-only case takes no imports: the button is not offered (the engine refuses them anyway). */
  readOnly?: boolean;
  onShortcuts(): void;
  /** More buttons for the open case (findings, export, report…), before Close case. */
  extra?: ReactNode;
}

/** The header's buttons for the open case: import, pull from APIs, where the events came from, close, help. */
export function CaseActions({ generation, readOnly = false, onShortcuts, extra }: CaseActionsProps): React.JSX.Element {
  const [sourcesOpen, setSourcesOpen] = useState(false);
  const [apiOpen, setApiOpen] = useState(false);
  return (
    <div className="case-actions">
      {!readOnly && <ImportButton className="secondary" />}
      {!readOnly && (
        <button type="button" className="secondary" data-testid="api-sources-button" onClick={() => setApiOpen(true)}>
          API sources
        </button>
      )}
      <button type="button" className="secondary" data-testid="sources-button" onClick={() => setSourcesOpen(true)}>
        Sources
      </button>
      {extra}
      <button type="button" className="secondary" data-testid="close-case" onClick={() => void api.closeCase()}>
        Close case
      </button>
      <button
        type="button"
        className="icon"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        data-testid="shortcuts-button"
        onClick={onShortcuts}
      >
        ?
      </button>
      <SourcesDialog open={sourcesOpen} generation={generation} onClose={() => setSourcesOpen(false)} />
      <ApiSourcesDialog open={apiOpen} generation={generation} onClose={() => setApiOpen(false)} />
    </div>
  );
}
