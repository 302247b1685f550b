import { useEffect, useRef } from 'react';
import type { CaseInfo } from '../../../preload/api.ts';
import { useInvestigate, type InvestigateTab } from '../../app/investigate.tsx';
import { AnnotationsPanel } from '../annotations/AnnotationsPanel.tsx';
import { PaneBoundary } from '../../app/PaneBoundary.tsx';
import { DiffPanel } from '../diff/DiffPanel.tsx';
import { HistoryView } from '../history/HistoryView.tsx';
import { ContextView } from './ContextView.tsx';
import { TimelineView } from './TimelineView.tsx';
import './timeline.css';

export interface InvestigationAreaProps {
  info: CaseInfo | null;
  generation: number;
}

const KIND_ICON: Record<InvestigateTab['kind'], string> = { timeline: '◷', history: '↺', context: '◎', diff: '⇄', annotations: '★' };

function TabContent({ tab, info, generation }: { tab: InvestigateTab } & InvestigationAreaProps): React.JSX.Element {
  switch (tab.kind) {
    case 'timeline':
      return <TimelineView entity={tab.entity} info={info} generation={generation} />;
    case 'history':
      return <HistoryView tabId={tab.id} target={tab.target} generation={generation} />;
    case 'context':
      return <ContextView eventId={tab.eventId} generation={generation} />;
    case 'diff':
      return <DiffPanel a={tab.a} b={tab.b} />;
    case 'annotations':
      return <AnnotationsPanel generation={generation} />;
  }
}

/**
 * Timelines, histories, "around this event" and diffs, as tabs over the workspace. Every open tab
 * stays mounted (hidden when not shown), so its zoom, brush and selection survive a tab switch.
 * With the table showing, the tabs wait in a small dock at the bottom right.
 */
export function InvestigationArea({ info, generation }: InvestigationAreaProps): React.JSX.Element | null {
  const inv = useInvestigate();
  const strip = useRef<HTMLElement>(null);
  // A tab opened from far away (the twelfth) may be off the strip's edge: bring it into view.
  useEffect(() => {
    strip.current?.querySelector('.inv-tab.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [inv.active]);
  if (inv.tabs.length === 0) return null;
  const hidden = inv.active === null;
  const last = inv.tabs[inv.tabs.length - 1];

  return (
    <>
      {hidden && last && (
        <button type="button" className="inv-dock" onClick={() => inv.show(last.id)} data-testid="investigation-dock">
          {KIND_ICON[last.kind]} {inv.tabs.length === 1 ? last.title : `${inv.tabs.length} investigations`} ▴
        </button>
      )}
      <section
        className={hidden ? 'investigation hidden' : 'investigation'}
        aria-label="Investigation"
        data-testid="investigation"
        // The table's keyboard (j/k, Enter, Esc) must not act on a table nobody sees.
        data-own-keys
        tabIndex={-1}
      >
        <nav className="inv-tabs" role="tablist" aria-label="Investigation tabs" ref={strip}>
          <button type="button" className="inv-tab back" onClick={() => inv.show(null)} data-testid="investigation-back" title="Back to the event table">
            ← Events
          </button>
          {inv.tabs.map((t) => {
            const on = t.id === inv.active;
            const beside = t.id === inv.beside;
            return (
              <div key={t.id} className={['inv-tab', on ? 'active' : '', beside ? 'beside' : ''].filter(Boolean).join(' ')} role="presentation">
                <button
                  type="button"
                  role="tab"
                  aria-selected={on}
                  className="inv-tab-label"
                  onClick={() => inv.show(t.id)}
                  title={t.title}
                  data-testid="investigation-tab"
                  data-kind={t.kind}
                >
                  <span className="inv-tab-icon">{KIND_ICON[t.kind]}</span>
                  {t.title}
                </button>
                {!on && (
                  <button
                    type="button"
                    className="inv-tab-split"
                    onClick={() => inv.showBeside(beside ? null : t.id)}
                    title={beside ? 'Stop showing beside' : 'Show beside the current tab'}
                    aria-label={beside ? 'Stop showing beside' : 'Show beside the current tab'}
                    data-testid="investigation-tab-beside"
                  >
                    {beside ? '◧' : '◫'}
                  </button>
                )}
                <button type="button" className="inv-tab-close" onClick={() => inv.close(t.id)} aria-label={`Close ${t.title}`} title="Close">
                  ×
                </button>
              </div>
            );
          })}
        </nav>
        <div className={inv.beside ? 'inv-panes split' : 'inv-panes'}>
          {inv.tabs.map((t) => {
            const place = t.id === inv.active ? 'first' : t.id === inv.beside ? 'second' : 'off';
            return (
              <div key={t.id} className={`inv-pane ${place}`} data-testid={place === 'off' ? undefined : 'investigation-pane'}>
                <PaneBoundary name={`${t.kind} tab`} resetKey={generation}>
                  <TabContent tab={t} info={info} generation={generation} />
                </PaneBoundary>
              </div>
            );
          })}
        </div>
      </section>
    </>
  );
}
