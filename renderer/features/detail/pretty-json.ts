/**
 * Re-indents JSON text without parsing it into JavaScript values. `JSON.parse` would round big
 * integers (12345678901234567890 becomes 12345678901234567000) and normalise number spellings,
 * and the raw record is evidence: it must be shown exactly as it was received.
 * Returns null when the text is not valid JSON, so the caller shows it verbatim.
 *
 * Levels past `maxDepth` are written as they are, on one line: indenting 20,000 levels would build
 * a string of gigabytes (and throw), where a record that deep is an attack, not a log.
 */
export function prettyJson(text: string, indent = '  ', maxDepth = PRETTY_MAX_DEPTH): string | null {
  try {
    JSON.parse(text); // validation only; the parsed value is discarded
  } catch {
    return null;
  }
  let out = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    switch (ch) {
      case '"':
        inString = true;
        out += ch;
        break;
      case '{':
      case '[': {
        const close = ch === '{' ? '}' : ']';
        const next = nextSignificant(text, i + 1);
        if (next !== -1 && text[next] === close) {
          out += ch + close; // keep empty containers on one line
          i = next;
        } else if (depth >= maxDepth) {
          const end = matchingClose(text, i);
          out += text.slice(i, end + 1);
          i = end;
        } else {
          depth += 1;
          out += `${ch}\n${indent.repeat(depth)}`;
        }
        break;
      }
      case '}':
      case ']':
        depth -= 1;
        out += `\n${indent.repeat(depth)}${ch}`;
        break;
      case ',':
        out += `,\n${indent.repeat(depth)}`;
        break;
      case ':':
        out += ': ';
        break;
      case ' ':
      case '\t':
      case '\n':
      case '\r':
        break; // insignificant whitespace between tokens
      default:
        out += ch;
    }
  }
  return out;
}

/** Levels indented by default; deeper ones stay on one line as written. */
export const PRETTY_MAX_DEPTH = 64;

/** Where the container opening at `from` closes (strings skipped), scanning without recursion. */
function matchingClose(text: string, from: number): number {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth += 1;
    else if (ch === '}' || ch === ']') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return text.length - 1;
}

/** How deeply a JSON text nests (0 for a scalar), counted without parsing or recursion. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') max = Math.max(max, ++depth);
    else if (ch === '}' || ch === ']') depth -= 1;
  }
  return max;
}

function nextSignificant(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (!/\s/.test(text[i] as string)) return i;
  }
  return -1;
}
