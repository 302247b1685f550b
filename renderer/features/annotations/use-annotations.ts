import { useEffect, useSyncExternalStore } from 'react';
import type { EventAnnotations, TagColor, TagInfo } from '../../../preload/api.ts';
import { annotationsOf, getChanges, getVersion, startAnnotationStore, subscribe, tagList } from './store.ts';

/** The annotations of one event, kept current. */
export function useEventAnnotations(eventId: string): Readonly<EventAnnotations> {
  useSyncExternalStore(subscribe, getVersion);
  return annotationsOf(eventId);
}

/** The case's tags, most used first. */
export function useTags(): TagInfo[] {
  useSyncExternalStore(subscribe, getVersion);
  return tagList();
}

/** Changes on every annotation change (not on fetching more): a query whose filter reads annotations keys on it. */
export function useAnnotationsVersion(): number {
  useEffect(startAnnotationStore, []);
  return useSyncExternalStore(subscribe, getChanges);
}

export function tagColorOf(tags: TagInfo[], name: string): TagColor {
  return tags.find((t) => t.name.toLowerCase() === name.toLowerCase())?.color ?? 'gray';
}

/** Whether a filter reads the annotation columns (its results change when annotations do). */
export function readsAnnotations(filter: string | undefined): boolean {
  return filter !== undefined && /\b(bookmarked|tagged|has_note|tag|note)\b/i.test(filter);
}
