import type { SourceCoverage } from '../../../preload/api.ts';
import { coverageBar } from './coverage-model.ts';

const short = (iso: string): string => iso.slice(0, 16).replace('T', ' ').replace(' 00:00', '');

/** Per API source: a bar of what was requested, pulled completely, and the gaps (listed with reasons). */
export function CoverageBars({ coverage }: { coverage: SourceCoverage[] }): React.JSX.Element {
  if (coverage.length === 0) return <p className="muted">No API source pulled yet.</p>;
  return (
    <ul className="coverage-list">
      {coverage.map((c) => {
        const bar = coverageBar(c);
        return (
          <li key={c.scopeKey} className="coverage-item" data-testid="coverage-item">
            <div className="coverage-head">
              <span className="coverage-label">{c.label}</span>
              <span className="mono muted coverage-scope" title={c.scopeKey}>
                {c.scopeKey}
              </span>
              {bar && (
                <span className={`coverage-share ${c.gaps.length ? 'warn' : 'ok'}`} data-testid="coverage-share">
                  {c.gaps.length ? `${Math.floor(bar.share * 100)}% covered, ${c.gaps.length} gap${c.gaps.length > 1 ? 's' : ''}` : 'fully covered'}
                </span>
              )}
            </div>
            {bar && (
              <>
                <div
                  className="coverage-bar"
                  role="img"
                  aria-label={`${c.label}: requested ${short(bar.from)} to ${short(bar.to)} UTC, ${c.gaps.length} gaps`}
                  data-testid="coverage-bar"
                >
                  {bar.segments.map((s) => (
                    <span
                      key={`${s.kind}-${s.from}`}
                      className={`coverage-seg ${s.kind}`}
                      data-testid={`coverage-seg-${s.kind}`}
                      style={{ left: `${s.left}%`, width: `${s.width}%` }}
                      title={`${s.kind === 'gap' ? 'Gap' : 'Pulled'} ${short(s.from)} → ${short(s.to)} UTC${s.reason ? `: ${s.reason}` : ''}`}
                    />
                  ))}
                </div>
                <div className="coverage-axis mono muted">
                  <span>{short(bar.from)}</span>
                  <span>{short(bar.to)} UTC</span>
                </div>
              </>
            )}
            {c.gaps.length > 0 && (
              <ul className="coverage-gaps">
                {c.gaps.map((g) => (
                  <li key={g.from} data-testid="coverage-gap">
                    <span className="mono">
                      {short(g.from)} → {short(g.to)}
                    </span>{' '}
                    <span className="muted">{g.reason}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
