import type { EventRow } from '../../preload/api.ts';
import type { HistoryTarget } from './investigate-tabs.ts';

/**
 * What an event acted on, said the same way in the table, facets, timelines and the detail pane:
 * the name, else the id, else the type (Kubernetes and epilot events often carry only an id).
 * The engine's derived `target` column is the same expression, so a chip or filter on it matches.
 */
export function targetText(r: Pick<EventRow, 'target_name' | 'target_id' | 'target_type'>): string | null {
  return r.target_name ?? r.target_id ?? r.target_type;
}

/** Which of the three the shown target is, for styling an id apart from a name. */
export function targetSource(r: Pick<EventRow, 'target_name' | 'target_id' | 'target_type'>): 'name' | 'id' | 'type' | null {
  return r.target_name !== null ? 'name' : r.target_id !== null ? 'id' : r.target_type !== null ? 'type' : null;
}

/** The value a target timeline follows: the id when there is one (names change), else the name. */
export function targetEntity(r: Pick<EventRow, 'target_name' | 'target_id'>): string | null {
  return r.target_id ?? r.target_name;
}

/**
 * The object whose history an event belongs to. An id is the object whatever type the event
 * logged it with (a YepCode execution is type EXECUTION, the process's edits type PROCESS); only a
 * name without an id needs its type, since objects of two kinds may share a name.
 */
export function historyTarget(r: Pick<EventRow, 'target_name' | 'target_id' | 'target_type'>): HistoryTarget | null {
  if (r.target_id !== null) return { id: r.target_id, ...(r.target_name ? { name: r.target_name } : {}) };
  if (r.target_name !== null) return { id: r.target_name, ...(r.target_type ? { type: r.target_type } : {}) };
  return null;
}
