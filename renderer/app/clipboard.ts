import { notify } from './toasts.ts';

/**
 * Copies text and says so. The async Clipboard API needs a secure context and, in Electron, a
 * permission the window policy denies; the hidden-textarea fallback works from any user gesture.
 */
export async function copyText(text: string, what: string): Promise<boolean> {
  let done = false;
  try {
    await navigator.clipboard.writeText(text);
    done = true;
  } catch {
    done = copyWithTextarea(text);
  }
  notify(done ? `Copied ${what}` : `Could not copy ${what}`, done ? 'info' : 'error');
  return done;
}

function copyWithTextarea(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'clipboard-scratch';
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  focused?.focus();
  return ok;
}
