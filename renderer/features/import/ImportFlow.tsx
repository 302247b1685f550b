import { useEffect, useRef, useState } from 'react';
import { isDesktop } from '../../api.ts';
import { formatCount } from '../../app/format.ts';
import { notify } from '../../app/toasts.ts';
import { droppedFiles, hasFiles } from './dropped-files.ts';
import { ImportPanel } from './ImportPanel.tsx';
import { isRunning, needsReview } from './import-model.ts';
import { useImport } from './use-import.ts';

export const IMPORT_INPUT_ID = 'import-file-input';

/** Opens the file picker (browser). A label, so the browser treats it as the user's own click. */
export function ImportButton({ className }: { className?: string }): React.JSX.Element | null {
  if (isDesktop) return null;
  return (
    <label
      htmlFor={IMPORT_INPUT_ID}
      className={`button-like ${className ?? ''}`}
      data-testid="import-button"
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          document.getElementById(IMPORT_INPUT_ID)?.click();
        }
      }}
    >
      Import files…
    </label>
  );
}

/**
 * Everything about getting files into the case: the file picker, dropping files or folders on the
 * window, and the progress and summary panel. In the desktop app a drop is imported by path by
 * the preload (the page never sees paths); this component then only shows the overlay and the
 * progress, which arrives through the same events either way.
 */
export function ImportFlow({ caseOpen }: { caseOpen: boolean }): React.JSX.Element {
  const { session, importUploads, cancel, dismiss } = useImport();
  const [panelOpen, setPanelOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const live = useRef({ caseOpen, session });
  live.current = { caseOpen, session };

  // A new import shows the panel, whoever started it; hiding it while it runs keeps it hidden.
  const serial = session?.serial ?? 0;
  const running = isRunning(session);
  const wasRunning = useRef(false);
  useEffect(() => {
    if (serial > 0 && running) setPanelOpen(true);
  }, [serial]); // not `running`: only a new session may reopen it

  useEffect(() => {
    const finished = wasRunning.current && !running;
    wasRunning.current = running;
    if (!finished || !session?.summary) return;
    const added = `Import finished: ${formatCount(session.summary.eventsTotal)} events added`;
    if (!panelOpen) {
      notify(added);
    } else if (session.uploads.length === 0 && !needsReview(session)) {
      // Started elsewhere (the desktop menu, the CLI on the same case) and nothing to look at:
      // a note is enough, the panel gets out of the way.
      setPanelOpen(false);
      dismiss();
      notify(added);
    }
  }, [session, running, panelOpen, dismiss]);

  useEffect(() => {
    const refuse = (): boolean => {
      const { caseOpen: open, session: s } = live.current;
      if (!open) notify('Open or create a case first, then drop the files on it', 'error');
      else if (isRunning(s)) notify('An import is already running; wait for it or cancel it', 'error');
      else return false;
      return true;
    };
    const onEnter = (e: DragEvent): void => {
      if (!hasFiles(e.dataTransfer)) return;
      e.preventDefault();
      depth.current += 1;
      setDragging(true);
    };
    const onOver = (e: DragEvent): void => {
      if (!hasFiles(e.dataTransfer)) return;
      e.preventDefault(); // allow the drop (and never let the browser open the file instead)
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent): void => {
      if (!hasFiles(e.dataTransfer)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent): void => {
      if (!hasFiles(e.dataTransfer) || !e.dataTransfer) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      if (refuse() || isDesktop) return; // the desktop preload imports the dropped paths itself
      void droppedFiles(e.dataTransfer).then((files) => importUploads(files));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [importUploads]);

  return (
    <>
      {!isDesktop && (
        <input
          id={IMPORT_INPUT_ID}
          type="file"
          multiple
          hidden
          data-testid="import-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = ''; // the same file can be picked again later
            if (files.length > 0) void importUploads(files);
          }}
        />
      )}
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <div className="drop-card">
            {caseOpen ? 'Drop files or folders to import them into this case' : 'Open a case first'}
          </div>
        </div>
      )}
      {session && panelOpen && (
        <ImportPanel
          session={session}
          onCancel={cancel}
          onClose={() => {
            setPanelOpen(false);
            dismiss();
          }}
        />
      )}
    </>
  );
}
