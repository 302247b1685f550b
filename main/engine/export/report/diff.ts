import { diffLines } from 'diff';
import type { Change } from '../../../../preload/api.ts';
import { maskText, isSecretField, MASK } from '../mask.ts';
import { esc } from './escape.ts';
import { valueText } from './values.ts';

/**
 * A change as report rows: a line diff of old against new (unchanged runs folded to three lines of
 * context), every line escaped. Values are cut at REPORT_VALUE_CHARS on each side; the case holds
 * them whole.
 */

const VALUE_CHARS = 20_000;
const CONTEXT = 3;

function sideText(v: unknown, secret: boolean, mask: boolean): string {
  if (mask && secret && v !== null && v !== undefined) return MASK;
  const t = valueText(v, VALUE_CHARS);
  return mask ? maskText(t) : t;
}

function lines(s: string): string[] {
  const out = s.split('\n');
  if (out.length > 1 && out[out.length - 1] === '') out.pop();
  return out;
}

export function changeHtml(c: Change & { oldInferred?: boolean }, mask: boolean): string {
  const secret = isSecretField(c.field);
  const a = sideText(c.old, secret, mask);
  const b = sideText(c.new, secret, mask);
  const head = `<div class="chg-field">${esc(c.field)}${c.old === null || c.old === undefined ? ' <span class="muted">(no old value logged)</span>' : ''}</div>`;
  if (!a.includes('\n') && !b.includes('\n') && a.length + b.length < 400) {
    const side = (v: unknown, text: string, cls: string): string =>
      v === null || v === undefined ? '<td class="none">—</td>' : `<td class="${cls}">${esc(text)}</td>`;
    return `${head}<table class="chg-inline"><tr>${side(c.old, a, 'del')}<td class="arrow">→</td>${side(c.new, b, 'add')}</tr></table>`;
  }
  const rows: string[] = [];
  const parts = diffLines(a.endsWith('\n') ? a : `${a}\n`, b.endsWith('\n') ? b : `${b}\n`);
  parts.forEach((p, i) => {
    const ls = lines(p.value);
    const kind = p.added ? 'add' : p.removed ? 'del' : 'same';
    if (kind !== 'same' || ls.length <= CONTEXT * 2 + 1) {
      for (const l of ls) rows.push(`<tr class="${kind}"><td class="mark">${kind === 'add' ? '+' : kind === 'del' ? '−' : ''}</td><td>${esc(l)}</td></tr>`);
      return;
    }
    const keepHead = i === 0 ? 0 : CONTEXT;
    const keepTail = i === parts.length - 1 ? 0 : CONTEXT;
    for (const l of ls.slice(0, keepHead)) rows.push(`<tr class="same"><td class="mark"></td><td>${esc(l)}</td></tr>`);
    rows.push(`<tr class="fold"><td class="mark"></td><td>… ${ls.length - keepHead - keepTail} unchanged lines</td></tr>`);
    for (const l of ls.slice(ls.length - keepTail)) rows.push(`<tr class="same"><td class="mark"></td><td>${esc(l)}</td></tr>`);
  });
  return `${head}<table class="chg-diff">${rows.join('')}</table>`;
}
