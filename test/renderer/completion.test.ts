import { describe, expect, it } from 'vitest';
import { applyCompletion, completionAt, matchColumns, quoteValue } from '../../renderer/features/filters/completion.ts';

const COLUMNS = ['action', 'action_class', 'actor', 'actor_id', 'outcome', 'src_ip', 'vendor'];

/** The context with the caret where `|` is. */
function at(textWithCaret: string): ReturnType<typeof completionAt> {
  const caret = textWithCaret.indexOf('|');
  return completionAt(textWithCaret.replace('|', ''), caret);
}

describe('filter completion context', () => {
  it('completes a column name being typed', () => {
    expect(at('act|')).toEqual({ kind: 'column', prefix: 'act', from: 0, to: 3 });
    expect(at("actor = 'x' AND out|")).toEqual({ kind: 'column', prefix: 'out', from: 16, to: 19 });
    // The rest of the word after the caret is replaced too.
    expect(at('ac|tor = 1')).toEqual({ kind: 'column', prefix: 'ac', from: 0, to: 5 });
  });

  it('completes values inside a string after =, <>, LIKE and NOT LIKE', () => {
    expect(at("actor = 'da|")).toEqual({ kind: 'value', column: 'actor', prefix: 'da', from: 8, to: 11 });
    expect(at("actor <> '|")).toMatchObject({ kind: 'value', column: 'actor', prefix: '' });
    expect(at("actor LIKE 'a|")).toMatchObject({ kind: 'value', column: 'actor', prefix: 'a' });
    expect(at("actor NOT ILIKE 'a|")).toMatchObject({ kind: 'value', column: 'actor', prefix: 'a' });
    // A doubled quote inside the literal is one quote of the prefix.
    expect(at("actor = 'o''b|")).toMatchObject({ kind: 'value', prefix: "o'b" });
  });

  it('replaces through the closing quote when the literal is already closed', () => {
    const text = "actor = 'da' AND x = 1";
    expect(completionAt(text, 11)).toEqual({ kind: 'value', column: 'actor', prefix: 'da', from: 8, to: 12 });
  });

  it('completes values in IN lists, after the parenthesis and after each comma', () => {
    expect(at('action IN (|')).toMatchObject({ kind: 'value', column: 'action', prefix: '' });
    expect(at("action IN ('DELETED', '|")).toMatchObject({ kind: 'value', column: 'action', prefix: '' });
    expect(at("action NOT IN ('A', 'UP|")).toMatchObject({ kind: 'value', column: 'action', prefix: 'UP' });
    expect(at("action IN ('A', |")).toMatchObject({ kind: 'value', column: 'action', prefix: '' });
  });

  it('offers values right after an operator', () => {
    expect(at('outcome = |')).toMatchObject({ kind: 'value', column: 'outcome', prefix: '', from: 10, to: 10 });
    expect(at('outcome =|')).toMatchObject({ kind: 'value', column: 'outcome' });
  });

  it('offers nothing where nothing fits', () => {
    expect(at('|')).toBeNull();
    expect(at("actor = 'x'|")).toBeNull();
    expect(at("actor = 'x' |")).toBeNull();
    expect(at('batch_id > 12|')).toBeNull();
    expect(at("lower(actor) = 'x' AND (|")).toBeNull();
    expect(at("'free text|")).toBeNull();
    expect(at('"quoted col|')).toBeNull();
    expect(at("x > 3 AND contains(raw, 'a|")).toBeNull();
  });
});

describe('column matching', () => {
  it('matches prefixes case-insensitively, exact match first', () => {
    expect(matchColumns('act', COLUMNS)).toEqual(['action', 'action_class', 'actor', 'actor_id']);
    expect(matchColumns('ACTOR', COLUMNS)).toEqual(['actor', 'actor_id']);
  });

  it('offers nothing when the word already is the only column', () => {
    expect(matchColumns('vendor', COLUMNS)).toEqual([]);
    expect(matchColumns('zzz', COLUMNS)).toEqual([]);
  });
});

describe('applying a completion', () => {
  it('inserts a column name and puts the caret after it', () => {
    const text = "ou = 'x'";
    const ctx = completionAt(text, 2);
    if (!ctx) throw new Error('expected a context');
    expect(applyCompletion(text, ctx, 'outcome')).toEqual({ text: "outcome = 'x'", caret: 7 });
  });

  it('inserts a value as a quoted literal with quotes doubled', () => {
    const text = "actor = 'o";
    const ctx = completionAt(text, text.length);
    if (!ctx) throw new Error('expected a context');
    const next = applyCompletion(text, ctx, quoteValue("o'brien@x"));
    expect(next.text).toBe("actor = 'o''brien@x'");
    expect(next.caret).toBe(next.text.length);
  });
});
