import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError, MappingPreview, RemapProgress, RemapSummary, SourceMapping } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { copyText } from '../../app/clipboard.ts';
import { formatCount } from '../../app/format.ts';
import { Modal } from '../../app/Modal.tsx';
import { ColumnTable } from './ColumnTable.tsx';
import { FieldPicker } from './FieldPicker.tsx';
import { editOf, problemColumn, rowsOf, withPicked, type ColumnRow } from './mapping-model.ts';
import { PreviewTable } from './PreviewTable.tsx';
import './mapping.css';

export interface MappingEditorProps {
  sourceId: number;
  onClose(): void;
}

/** Typing settles before the engine maps the samples again. */
const PREVIEW_DELAY_MS = 250;

const ORIGIN: Record<SourceMapping['origin'], string> = {
  stored: 'your mapping, stored in the case',
  pack: 'its built-in pack',
  detected: 'generic detection (field names and value shapes)',
};

function summaryText(s: RemapSummary): string {
  if (s.cancelled) return 'Cancelled: nothing changed.';
  const cols = Object.entries(s.columns)
    .map(([c, n]) => `${c} ${formatCount(n)}`)
    .join(', ');
  return `Applied: ${formatCount(s.changed)} of ${formatCount(s.events)} events changed${cols ? ` (${cols})` : ''}.`;
}

/**
 * A source's mapping, edited against its own records: the column table, the fields the records
 * hold, a live preview of what the mapping makes of sample records, and applying it to every event
 * of the source in place (from their stored raw records; logged in the custody log).
 */
export function MappingEditor({ sourceId, onClose }: MappingEditorProps): React.JSX.Element {
  const [source, setSource] = useState<SourceMapping | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [rows, setRows] = useState<ColumnRow[]>([]);
  const [active, setActive] = useState('actor');
  const [preview, setPreview] = useState<MappingPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [applyState, setApplyState] = useState<{
    running: boolean;
    progress: number;
    result: RemapSummary | null;
    error: ApiError | null;
  }>({
    running: false,
    progress: 0,
    result: null,
    error: null,
  });
  const [announce, setAnnounce] = useState('');
  const remapId = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.getMapping({ sourceId }).then((r) => {
      if (!live) return;
      if (!r.ok) return setLoadError(r.error);
      setSource(r.value);
      setRows(rowsOf(r.value.vocabulary.columns, r.value.mapping));
    });
    return () => {
      live = false;
    };
  }, [sourceId]);

  const built = useMemo(() => (source ? editOf(rows, source.mapping.changes) : null), [rows, source]);

  useEffect(() => {
    if (!built?.edit) return;
    let live = true;
    setPreviewing(true);
    const t = setTimeout(() => {
      void api.previewMapping({ sourceId, mapping: built.edit as NonNullable<typeof built.edit> }).then((r) => {
        if (!live) return;
        setPreviewing(false);
        setPreview(r.ok ? r.value : { problems: [{ field: '', message: r.error.message }], records: [] });
      });
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [built, sourceId]);

  useEffect(
    () =>
      api.on('remap-progress', (p: RemapProgress) => {
        if (p.sourceId === sourceId) {
          remapId.current = p.remapId;
          setApplyState((s) => ({ ...s, progress: p.fraction }));
        }
      }),
    [sourceId],
  );

  const problems = useMemo(
    () => [...(built?.errors ?? []), ...(built?.edit ? (preview?.problems ?? []) : [])],
    [built, preview],
  );
  const byColumn = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const p of problems) {
      const c = problemColumn(p);
      if (c) m.set(c, [...(m.get(c) ?? []), `${p.field}: ${p.message}`]);
    }
    return m;
  }, [problems]);
  const dirty = useMemo(() => {
    if (!source || !built?.edit) return false;
    return JSON.stringify(built.edit.fields) !== JSON.stringify(source.mapping.fields);
  }, [built, source]);

  const change = (row: ColumnRow): void => {
    setRows((rs) => rs.map((r) => (r.column === row.column ? row : r)));
    setApplyState((s) => ({ ...s, result: null, error: null }));
  };

  const pick = (path: string, add: boolean): void => {
    const row = rows.find((r) => r.column === active);
    if (!row) return;
    const next = withPicked(row, path, add);
    change(next);
    setAnnounce(`${active} reads ${next.source}`);
  };

  const apply = async (): Promise<void> => {
    if (!built?.edit || problems.length || applyState.running) return;
    setApplyState({ running: true, progress: 0, result: null, error: null });
    const r = await api.applyMapping({ sourceId, mapping: built.edit });
    remapId.current = null;
    if (!r.ok) return setApplyState({ running: false, progress: 0, result: null, error: r.error });
    setApplyState({ running: false, progress: 1, result: r.value, error: null });
    setAnnounce(summaryText(r.value));
    const again = await api.getMapping({ sourceId });
    if (again.ok) setSource(again.value);
  };

  const copyPack = async (): Promise<void> => {
    if (!built?.edit) return;
    const r = await api.mappingPackFile({ sourceId, mapping: built.edit });
    if (r.ok) await copyText(r.value, 'the mapping as a pack file');
    else setApplyState((s) => ({ ...s, error: r.error }));
  };

  const title = source ? `Mapping of ${source.label}` : 'Mapping';
  const canApply = Boolean(built?.edit) && problems.length === 0 && !applyState.running && !previewing;

  return (
    <Modal open onClose={onClose} title={title} testId="mapping-editor" className="mapping-editor">
      {loadError && (
        <p className="import-error" role="alert">
          {loadError.message}
        </p>
      )}
      {source && (
        <div
          className="mapping-layout"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void apply();
            }
          }}
        >
          <p className="mapping-meta">
            <span className="mono">{source.vendor}</span> · {formatCount(source.events)} events · mapped by{' '}
            {ORIGIN[source.origin]}
            {source.applied && (
              <>
                {' '}
                (applied {source.applied.at.slice(0, 19).replace('T', ' ')} UTC
                {source.applied.by ? ` by ${source.applied.by}` : ''})
              </>
            )}
          </p>
          <div className="mapping-columns">
            <ColumnTable
              rows={rows}
              transforms={source.vocabulary.transforms}
              active={active}
              problems={byColumn}
              onActivate={setActive}
              onChange={change}
            />
            <FieldPicker
              fields={source.fields}
              samples={source.samples}
              column={active}
              reading={rows.find((r) => r.column === active)?.source ?? ''}
              onPick={pick}
            />
          </div>
          <section className="mapping-preview" aria-label="Preview">
            <div className="preview-head">
              <h3>
                {problems.length > 0
                  ? 'Preview: fix the problems below to see it'
                  : `Preview on ${preview ? formatCount(preview.records.length) : '…'} records of this source`}
              </h3>
              <span className="muted" aria-live="polite">
                {previewing ? 'mapping…' : ''}
              </span>
            </div>
            {problems.length > 0 && (
              <ul className="mapping-problems" role="alert" data-testid="mapping-problems">
                {problems.map((p, i) => (
                  <li key={`${p.field}-${i}`}>
                    {p.field && <span className="mono">{p.field}</span>}
                    {p.field ? ': ' : ''}
                    {p.message}
                  </li>
                ))}
              </ul>
            )}
            {preview && problems.length === 0 && <PreviewTable records={preview.records} />}
          </section>
          <div className="modal-actions mapping-actions">
            <span className="apply-status" role="status" data-testid="apply-status">
              {applyState.running && `Applying… ${Math.round(applyState.progress * 100)}%`}
              {applyState.result && summaryText(applyState.result)}
              {applyState.error && <span className="warn-text">{applyState.error.message}</span>}
            </span>
            <span className="visually-hidden" aria-live="polite">
              {announce}
            </span>
            {applyState.running && (
              <button
                type="button"
                className="secondary"
                onClick={() => remapId.current && void api.cancelRemap(remapId.current)}
              >
                Cancel
              </button>
            )}
            <button
              type="button"
              className="secondary"
              data-testid="copy-pack"
              onClick={() => void copyPack()}
              disabled={!built?.edit}
            >
              Copy as pack file
            </button>
            <button
              type="button"
              className="secondary"
              data-testid="reset-mapping"
              disabled={!dirty || applyState.running}
              onClick={() => setRows(rowsOf(source.vocabulary.columns, source.mapping))}
            >
              Reset
            </button>
            <button
              type="button"
              data-testid="apply-mapping"
              disabled={!canApply}
              title="Re-map every event of this source from its raw record (Ctrl+Enter)"
              onClick={() => void apply()}
            >
              Apply to {formatCount(source.events)} events
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
