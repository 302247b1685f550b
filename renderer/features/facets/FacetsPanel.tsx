import { useState } from 'react';
import type { FacetColumn, Facets } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { useScope } from '../../app/scope.tsx';
import { useEngineQuery } from '../../app/use-engine-query.ts';
import { FacetGroup } from './FacetGroup.tsx';

export interface FacetsPanelProps {
  /** Bumped when the case's contents change; the counts are asked again. */
  generation: number;
}

/** Top values per column at a glance; "more" asks for a longer list of that one column. */
const TOP = 8;
const MORE = 50;

/**
 * The left sidebar: the most frequent actors, actions, targets, IPs, outcomes, sources and services
 * of the scoped events. Click a value to keep only it, alt-click to exclude it (both become chips);
 * the counts follow every change of the scope.
 */
export function FacetsPanel({ generation }: FacetsPanelProps): React.JSX.Element {
  const { scope } = useScope();
  const [expanded, setExpanded] = useState<FacetColumn[]>([]);
  const key = JSON.stringify([scope, generation]);
  const top = useEngineQuery<Facets>(key, () => api.getFacets({ ...scope, limit: TOP }), true);
  const more = useEngineQuery<Facets>(
    JSON.stringify([key, expanded]),
    () => api.getFacets({ ...scope, columns: expanded, limit: MORE }),
    expanded.length > 0,
  );

  const facets = top.value?.facets.map((f) =>
    expanded.includes(f.column) ? (more.value?.facets.find((m) => m.column === f.column) ?? f) : f,
  );

  return (
    <aside
      className={top.loading ? 'facets loading' : 'facets'}
      aria-label="Facets"
      data-testid="facets"
      aria-busy={top.loading}
    >
      {top.error && !top.value && <p className="facets-error">{top.error.message}</p>}
      {facets?.map((f) => (
        <FacetGroup
          key={f.column}
          facet={f}
          expanded={expanded.includes(f.column)}
          onToggleMore={() =>
            setExpanded((e) => (e.includes(f.column) ? e.filter((c) => c !== f.column) : [...e, f.column]))
          }
        />
      ))}
    </aside>
  );
}
