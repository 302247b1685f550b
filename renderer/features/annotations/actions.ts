import type { Result, TagColor } from '../../../preload/api.ts';
import { api } from '../../api.ts';
import { notify } from '../../app/toasts.ts';
import { applied, annotationsOf } from './store.ts';

/** The changes every view offers, with the engine's message as a toast when one is refused. */

function report(r: Result<unknown>): boolean {
  if (!r.ok) notify(r.error.message, 'error');
  return r.ok;
}

export async function toggleBookmark(eventId: string): Promise<void> {
  const on = annotationsOf(eventId).bookmark === null;
  report(applied(await api.setBookmark({ eventId, on })));
}

export async function addTag(eventId: string, tag: string, color?: TagColor): Promise<boolean> {
  return report(applied(await api.addTag({ eventId, tag, ...(color ? { color } : {}) })));
}

export async function removeTag(eventId: string, tag: string): Promise<boolean> {
  return report(applied(await api.removeTag({ eventId, tag })));
}

export async function saveNote(eventId: string, text: string): Promise<string | null> {
  const r = applied(await api.setNote({ eventId, text }));
  return r.ok ? null : r.error.message;
}

export async function setTagColor(tag: string, color: TagColor): Promise<void> {
  const r = await api.setTagColor({ tag, color });
  if (!r.ok) notify(r.error.message, 'error');
}
