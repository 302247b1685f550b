import type { EventAnnotations, Result, TagInfo } from '../../../preload/api.ts';
import { api } from '../../api.ts';

/**
 * The renderer's copy of the investigator's annotations: per event (asked for in batches as rows
 * appear in the table, timelines or history) and the case's tag list. One external store for
 * every view, refreshed by the host's `annotations-changed` event, so a bookmark set in the detail
 * pane shows in the table at once, and one set in another window shows too.
 */

type Listener = () => void;

const EMPTY: Readonly<EventAnnotations> = Object.freeze({ event_id: '', bookmark: null, tags: [], note: null });

let byId = new Map<string, EventAnnotations>();
let wanted = new Set<string>();
let scheduled = false;
let tags: TagInfo[] = [];
let tagsLoaded = false;
/** Bumped whenever anything in the copy changed (views redraw on it). */
let version = 0;
/** Bumped only when annotations themselves changed: queries that filter by them start again on it. */
let changes = 0;
let casePath: string | null | undefined;
const listeners = new Set<Listener>();

function publish(): void {
  version += 1;
  for (const l of listeners) l();
}

export function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export const getVersion = (): number => version;
export const getChanges = (): number => changes;

async function fetchBatch(ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 2000) {
    const r = await api.getAnnotations({ eventIds: ids.slice(i, i + 2000) });
    if (!r.ok) return;
    for (const a of r.value) byId.set(a.event_id, a);
  }
  publish();
}

function flush(): void {
  scheduled = false;
  const ids = [...wanted];
  wanted = new Set();
  if (ids.length > 0) void fetchBatch(ids);
}

/** The event's annotations, or an empty set while they are fetched (the row redraws when they arrive). */
export function annotationsOf(eventId: string): Readonly<EventAnnotations> {
  const known = byId.get(eventId);
  if (known) return known;
  if (!wanted.has(eventId)) {
    wanted.add(eventId);
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  }
  return EMPTY;
}

export function tagList(): TagInfo[] {
  if (!tagsLoaded) {
    tagsLoaded = true;
    void refreshTags();
  }
  return tags;
}

async function refreshTags(): Promise<void> {
  const r = await api.listTags();
  if (r.ok) {
    tags = r.value;
    publish();
  }
}

/** Applies an answer of a change to the copy, or reports its error. */
export function applied(r: Result<EventAnnotations>): Result<EventAnnotations> {
  if (r.ok) {
    byId.set(r.value.event_id, r.value);
    publish();
  }
  return r;
}

function reset(): void {
  byId = new Map();
  wanted = new Set();
  tags = [];
  tagsLoaded = false;
  publish();
}

let started = false;
/** Subscribes to the host's events once, when the first view mounts. */
export function startAnnotationStore(): void {
  if (started) return;
  started = true;
  api.on('annotations-changed', ({ eventIds }) => {
    const stale = eventIds ?? [...byId.keys()];
    for (const id of stale) byId.delete(id);
    if (eventIds === null) byId = new Map();
    changes += 1;
    void refreshTags();
    publish();
  });
  api.on('case-changed', (info) => {
    const path = info?.path ?? null;
    if (casePath !== undefined && casePath !== path) reset();
    casePath = path;
  });
}
