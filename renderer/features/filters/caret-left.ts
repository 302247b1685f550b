/** Width of one character of the (monospace) input font, measured once per font. */
const charWidths = new Map<string, number>();

/**
 * Where character `index` of the input is drawn, in pixels from the input's left edge, so the
 * completion list opens under the word it completes. Kept inside the input's width.
 */
export function caretLeft(el: HTMLInputElement | null, index: number, scroll: number): number {
  if (!el) return 0;
  const style = getComputedStyle(el);
  const font = `${style.fontSize} ${style.fontFamily}`;
  let width = charWidths.get(font);
  if (width === undefined) {
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return 0;
    ctx.font = font;
    width = ctx.measureText('0'.repeat(100)).width / 100;
    charWidths.set(font, width);
  }
  const x = parseFloat(style.paddingLeft) + index * width - scroll;
  return Math.max(0, Math.min(x - 10, el.clientWidth - 320));
}
