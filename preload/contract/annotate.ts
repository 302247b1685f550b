/** Bookmarks, tags and notes on events: the investigator's own findings, kept in the case. */
import type { ArgKind, EventRow, Result } from './common.ts';
import type { EventScope } from './query.ts';

export type AnnotationKind = 'bookmark' | 'tag' | 'note';

/** The colours a tag can have; the renderer and the report map each to a light and a dark shade. */
export const TAG_COLORS = ['red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'gray'] as const;
export type TagColor = (typeof TAG_COLORS)[number];

/** Longest note, in characters: a page of findings, not a place to paste evidence. */
export const MAX_NOTE_CHARS = 65_536;
export const MAX_TAG_CHARS = 64;

export interface Authored {
  author: string | null;
  /** ISO instant (UTC). */
  at: string;
}

/** Everything the investigator attached to one event. */
export interface EventAnnotations {
  event_id: string;
  bookmark: Authored | null;
  /** In the order they were added. */
  tags: (Authored & { name: string })[];
  note: (Authored & { text: string }) | null;
}

export interface TagInfo {
  name: string;
  color: TagColor;
  /** Events carrying the tag. */
  events: number;
}

export interface AnnotatedEvent {
  event: EventRow;
  annotations: EventAnnotations;
}

export interface AnnotatedQuery {
  /** Only events with one of these kinds (default: any). */
  kinds?: AnnotationKind[];
  /** Only events with this tag. */
  tag?: string;
  offset?: number;
  limit?: number;
}

export interface BulkTagRequest {
  scope: EventScope;
  tag: string;
  /** Appended to each event's note (a new paragraph when the event has one already). */
  note?: string;
  /**
   * The count the investigator confirmed. When the scope now matches a different number of events
   * (an import landed in between) nothing is tagged and the answer says so.
   */
  expected?: number;
}

export interface BulkTagResult {
  /** Events that got the tag now. */
  tagged: number;
  /** Events in the scope that had it already. */
  already: number;
}

export interface AnnotateApi {
  /** Annotations of up to 5,000 events (those without any come back empty). */
  getAnnotations(q: { eventIds: string[] }): Promise<Result<EventAnnotations[]>>;
  setBookmark(q: { eventId: string; on: boolean }): Promise<Result<EventAnnotations>>;
  /** A new tag name gets the next colour unless `color` is given. */
  addTag(q: { eventId: string; tag: string; color?: TagColor }): Promise<Result<EventAnnotations>>;
  removeTag(q: { eventId: string; tag: string }): Promise<Result<EventAnnotations>>;
  /** An empty text removes the note. */
  setNote(q: { eventId: string; text: string }): Promise<Result<EventAnnotations>>;
  /** Every tag of the case with its colour and how many events carry it, most used first. */
  listTags(): Promise<Result<TagInfo[]>>;
  setTagColor(q: { tag: string; color: TagColor }): Promise<Result<TagInfo[]>>;
  /** Tags every event of a scope. */
  bulkTag(q: BulkTagRequest): Promise<Result<BulkTagResult>>;
  /** Annotated events in time order, with their annotations (the annotations panel). */
  listAnnotated(q: AnnotatedQuery): Promise<Result<{ total: number; rows: AnnotatedEvent[] }>>;
  /** Who annotations are recorded as: the OS user name until changed. Kept per machine. */
  getAuthor(): Promise<Result<string>>;
  setAuthor(name: string): Promise<Result<string>>;
}

export const ANNOTATE_METHODS = {
  getAnnotations: ['object'],
  setBookmark: ['object'],
  addTag: ['object'],
  removeTag: ['object'],
  setNote: ['object'],
  listTags: [],
  setTagColor: ['object'],
  bulkTag: ['object'],
  listAnnotated: ['object'],
  getAuthor: [],
  setAuthor: ['string'],
} as const satisfies Record<keyof AnnotateApi, readonly ArgKind[]>;

export interface AnnotateEvents {
  /** Annotations changed; `eventIds` null when too many to list (a bulk tag). */
  'annotations-changed': { eventIds: string[] | null };
}

export const ANNOTATE_EVENTS = { 'annotations-changed': true } as const satisfies Record<keyof AnnotateEvents, true>;
