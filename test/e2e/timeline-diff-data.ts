import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A YepCode export whose process, actor and code are markup: the diff and the timeline must show
 * all of it as text. Imported next to the demo files, so its process has a history of two edits.
 */

export const HOSTILE_PROCESS = 'prc_h0st1le';
export const HOSTILE_ACTOR = '</div><script>window.__pwned=1</script>';
export const HOSTILE_NAME = '<img src=x onerror=window.__pwned=1>';

const CODE_A = [
  'function render(el) {',
  "  el.textContent = '<script>window.__pwned=1</script>';",
  '  // &lt;b&gt; stays an entity: &amp;',
  '  return "</div>";',
  '}',
  '',
].join('\n');

/** The change: a line of markup that would run if it were ever parsed as HTML. */
export const HOSTILE_ADDED_LINE = `  el.insertAdjacentHTML('beforeend', '${HOSTILE_NAME}');`;

const CODE_B = CODE_A.replace('  return "</div>";', `${HOSTILE_ADDED_LINE}\n  return "</div></td></tr>&amp;lt;";`);
const CODE_C = CODE_B.replace('&lt;b&gt;', '<b onmouseover=window.__pwned=1>');

export function writeHostileYepcode(dir: string): string {
  const base = { user: HOSTILE_ACTOR, ip: '203.0.113.66', type: 'PROCESS', objectId: HOSTILE_PROCESS, objectName: HOSTILE_NAME };
  const events = [
    { id: 'hx-1', time: '2025-03-04 05:00:00', event: 'UPDATED', ...base, content: { before: { code: CODE_A }, after: { code: CODE_B } } },
    { id: 'hx-2', time: '2025-03-04 05:07:30', event: 'UPDATED', ...base, content: { before: { code: CODE_B }, after: { code: CODE_C } } },
  ];
  const path = join(dir, 'yepcode-hostile.json');
  writeFileSync(path, JSON.stringify(events, null, 2));
  return path;
}
