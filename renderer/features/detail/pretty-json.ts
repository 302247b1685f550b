/**
 * Re-indents JSON text without parsing it into JavaScript values. `JSON.parse` would round big
 * integers (12345678901234567890 becomes 12345678901234567000) and normalise number spellings,
 * and the raw record is evidence: it must be shown exactly as it was received.
 * Returns null when the text is not valid JSON, so the caller shows it verbatim.
 */
export function prettyJson(text: string, indent = '  '): string | null {
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

function nextSignificant(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (!/\s/.test(text[i] as string)) return i;
  }
  return -1;
}
