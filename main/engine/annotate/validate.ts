import { MAX_NOTE_CHARS, MAX_TAG_CHARS, TAG_COLORS, type TagColor } from '../../../preload/api.ts';
import { EngineError } from '../errors.ts';

/**
 * What the investigator types is checked here once for every host. Tags and author names are
 * labels: no control, bidirectional or invisible characters, which would let a label pose as
 * another. Notes are free text (new lines and tabs allowed), bounded in size.
 */

const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const HIDDEN_IN_NOTE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/u;

export function checkTag(v: unknown): string {
  if (typeof v !== 'string') throw new EngineError('bad-input', 'a tag must be text');
  const tag = v.trim();
  if (tag === '') throw new EngineError('bad-input', 'a tag cannot be empty');
  if ([...tag].length > MAX_TAG_CHARS) throw new EngineError('bad-input', `a tag holds at most ${MAX_TAG_CHARS} characters`);
  if (HIDDEN.test(tag)) throw new EngineError('bad-input', 'a tag cannot hold control, bidirectional or invisible characters');
  return tag;
}

export function checkNote(v: unknown): string {
  if (typeof v !== 'string') throw new EngineError('bad-input', 'a note must be text');
  if (v.length > MAX_NOTE_CHARS) {
    throw new EngineError(
      'bad-input',
      `a note holds at most ${MAX_NOTE_CHARS.toLocaleString('en-US')} characters; this one has ${v.length.toLocaleString('en-US')}`,
    );
  }
  if (HIDDEN_IN_NOTE.test(v)) throw new EngineError('bad-input', 'a note cannot hold control or bidirectional override characters');
  return v.trim() === '' ? '' : v;
}

export function checkColor(v: unknown): TagColor {
  if (typeof v !== 'string' || !(TAG_COLORS as readonly string[]).includes(v)) {
    throw new EngineError('bad-input', `a tag colour is one of ${TAG_COLORS.join(', ')}`);
  }
  return v as TagColor;
}

export function checkAuthor(v: unknown): string {
  if (typeof v !== 'string') throw new EngineError('bad-input', 'an author name must be text');
  const name = v.trim();
  if (name === '' || [...name].length > 100) throw new EngineError('bad-input', 'an author name has 1 to 100 characters');
  if (HIDDEN.test(name)) throw new EngineError('bad-input', 'an author name cannot hold control, bidirectional or invisible characters');
  return name;
}

export function checkEventId(v: unknown): string {
  if (typeof v !== 'string' || v === '' || v.length > 200) throw new EngineError('bad-input', 'an event id is a non-empty string');
  return v;
}
