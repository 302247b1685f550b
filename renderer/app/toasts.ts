/**
 * Short confirmations ("Copied path") from anywhere in the renderer, without a provider: a tiny
 * external store that Toasts.tsx subscribes to.
 */

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

const SHOW_MS = 2600;
let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function publish(next: Toast[]): void {
  toasts = next;
  for (const l of listeners) l();
}

export function notify(text: string, tone: Toast['tone'] = 'info'): void {
  const toast = { id: nextId++, text, tone };
  // At most three at once; a burst of copies should not wallpaper the screen.
  publish([...toasts.slice(-2), toast]);
  setTimeout(() => publish(toasts.filter((t) => t.id !== toast.id)), tone === 'error' ? SHOW_MS * 2 : SHOW_MS);
}

export function subscribeToasts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentToasts(): Toast[] {
  return toasts;
}
