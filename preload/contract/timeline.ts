/** Following one entity through time, the events around one event, an object's history. */
import type { ArgKind, Change, EventRow, Result } from './common.ts';
import type { Histogram } from './query.ts';

export type EntityKind = 'actor' | 'target' | 'ip' | 'session';
export interface EntityRef {
  kind: EntityKind;
  value: string;
}

export interface TimelineQuery {
  entity: EntityRef;
  /** Lanes of the lane chart. */
  lanesBy?: 'vendor' | 'action';
  offset?: number;
  limit?: number;
  maxBuckets?: number;
}

export interface Timeline {
  entity: EntityRef;
  /** The filter expression that selects the entity's events (for "show in table"). */
  filter: string;
  total: number;
  timeMin: string | null;
  timeMax: string | null;
  /** Events in time order, one page. */
  events: EventRow[];
  offset: number;
  /** Lane chart: per lane, counts over `buckets` (same layout as the histogram). */
  lanes: Histogram;
  elapsedMs: number;
}

export interface EventContext {
  event: EventRow;
  from: string;
  to: string;
  sameActor: EventRow[];
  sameIp: EventRow[];
  sameTarget: EventRow[];
}

export interface ObjectVersion {
  index: number;
  at: string | null;
  event_id: string;
  vendor: string;
  actor: string | null;
  action: string | null;
  action_class: string | null;
  deleted: boolean;
  /** This event's changes; `old` filled from the previous version where the vendor logs only new values. */
  changes: (Change & { oldInferred?: boolean })[];
  /** Every field's value after this version. */
  state: Record<string, unknown>;
}

export interface ObjectHistory {
  /**
   * The object, whichever of its events or names it was asked by: its id (the target id when one
   * exists, even when asked by name), its most frequent type and name.
   */
  target: { type: string | null; id: string; name: string | null };
  /** All events touching the target, changes or not. */
  events: number;
  versions: ObjectVersion[];
  elapsedMs: number;
}

export interface TimelineApi {
  /** Every event touching an actor, target, IP or session, across sources, in time order. */
  getTimeline(q: TimelineQuery): Promise<Result<Timeline>>;
  /** What the same actor, IP and target did around one event (default ±15 minutes). */
  getContext(q: { eventId: string; windowMinutes?: number; limit?: number }): Promise<Result<EventContext>>;
  /** A target's changes folded into versions. */
  getHistory(q: { target: { type?: string; id: string } }): Promise<Result<ObjectHistory>>;
}

export const TIMELINE_METHODS = {
  getTimeline: ['object'],
  getContext: ['object'],
  getHistory: ['object'],
} as const satisfies Record<keyof TimelineApi, readonly ArgKind[]>;
