import type { Facets } from '../../../preload/api.ts';
import { formatCount } from '../../app/format.ts';
import { useInvestigateOptional } from '../../app/investigate.tsx';
import { sameChip, useScope, type Chip } from '../../app/scope.tsx';
import { columnLabel } from '../filters/chips.ts';
import { visibleText } from '../../app/visible-text.ts';

export interface FacetGroupProps {
  facet: Facets['facets'][number];
  expanded: boolean;
  onToggleMore(): void;
}

/** One facet column: its values with counts and a bar relative to the most frequent one. */
export function FacetGroup({ facet, expanded, onToggleMore }: FacetGroupProps): React.JSX.Element {
  const { chips, addChip, removeChip } = useScope();
  const investigate = useInvestigateOptional();
  // Shift-click opens the value's timeline where the column names an entity.
  const entity = ({ actor: 'actor', target: 'target', src_ip: 'ip' } as const)[facet.column as 'actor' | 'target' | 'src_ip'];
  const timelineHint = investigate && entity ? ' Shift-click: its timeline.' : '';
  const max = facet.values[0]?.count ?? 0;
  const hidden = facet.distinct - facet.values.length;

  const pick = (value: string, exclude: boolean): void => {
    const chip: Chip = { column: facet.column, value, exclude };
    // Clicking a value that is already a chip the same way takes it off again.
    const at = chips.findIndex((c) => sameChip(c, chip));
    if (at >= 0) removeChip(at);
    else addChip(chip);
  };

  return (
    <section className="facet" data-testid={`facet-${facet.column}`}>
      <h3 className="facet-head">
        <span>{columnLabel(facet.column)}</span>
        <span className="facet-distinct" title={`${formatCount(facet.distinct)} distinct values in scope`}>
          {formatCount(facet.distinct)}
        </span>
      </h3>
      {facet.values.length === 0 ? (
        <p className="facet-none muted">no values</p>
      ) : (
        <ul className="facet-values">
          {facet.values.map((v) => {
            const included = chips.some((c) => sameChip(c, { column: facet.column, value: v.value, exclude: false }));
            const excluded = chips.some((c) => sameChip(c, { column: facet.column, value: v.value, exclude: true }));
            const cls = ['facet-value', included ? 'included' : '', excluded ? 'excluded' : ''].filter(Boolean).join(' ');
            return (
              <li key={v.value}>
                <button
                  type="button"
                  className={cls}
                  data-testid="facet-value"
                  aria-pressed={included || excluded}
                  title={`${visibleText(v.value) || '(empty)'}: ${formatCount(v.count)} events. Click: only this. Alt-click: exclude it.${timelineHint}`}
                  onClick={(e) => {
                    if (e.shiftKey && investigate && entity && v.value !== '') investigate.openTimeline({ kind: entity, value: v.value });
                    else pick(v.value, e.altKey);
                  }}
                >
                  <span className="facet-bar" style={{ width: `${max ? (v.count / max) * 100 : 0}%` }} />
                  <span className="facet-text">{v.value === '' ? <em className="muted">(empty)</em> : visibleText(v.value)}</span>
                  <span className="facet-count">{formatCount(v.count)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {(hidden > 0 || expanded) && (
        <button type="button" className="link facet-more" onClick={onToggleMore}>
          {expanded ? 'fewer' : `${formatCount(hidden)} more…`}
        </button>
      )}
    </section>
  );
}
