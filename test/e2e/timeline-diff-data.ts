import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A YepCode export whose process, actor and code are markup: the diff and the timeline must show
 * all of it as text. Imported next to the demo files, so its process has a history of two edits.
 */

export const HOSTILE_ACTOR = '</div><script>window.__pwned=1</script>';
/** The affected entity's ID, which YepCode exports as the target (there is no name). */
export const HOSTILE_PROCESS = 'prc_<img src=x onerror=window.__pwned=1>';

const HOSTILE_NAME = '<img src=x onerror=window.__pwned=1>';

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
  const base = { User: HOSTILE_ACTOR, IP: '203.0.113.66', ID: HOSTILE_PROCESS, Type: 'PROCESS' };
  const events = [
    { ...base, Event: 'UPDATED', Time: '2025-03-04 05:00:00', content: { before: CODE_A, after: CODE_B } },
    { ...base, Event: 'UPDATED', Time: '2025-03-04 05:07:30', content: { before: CODE_B, after: CODE_C } },
  ];
  const path = join(dir, 'yepcode-hostile.json');
  writeFileSync(path, JSON.stringify(events, null, 2));
  return path;
}
