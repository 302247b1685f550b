import type { MappingVocabulary } from '../../../preload/api.ts';
import { MAPPED_FIELDS } from '../packs/types.ts';

/**
 * The words of the pack language (packs/types.ts) as data: what check-pack.ts accepts and what the
 * editor offers. A key added to the pack types is added here too, or user mappings using it are
 * refused as unknown (test/engine/mapping-check.test.ts checks every built-in pack passes).
 */

export const PACK_KEYS = [
  'id', 'version', 'label', 'detect', 'priority', 'embeddedJson', 'unwrap', 'explode', 'eventId', 'fields', 'changes', 'tz', 'notes',
] as const;

export const FIELD_SPEC_KEYS = ['path', 'const', 'template', 'ifPresent', 'then', 'else', 'transform', 'regex', 'map', 'default'] as const;

export const TRANSFORMS = ['ip', 'lower', 'upper', 'trim', 'basename'] as const;

/**
 * How a change extractor key is read: `path` a record path ([*] allowed), `rel` a path inside each
 * entry, `paths` one path or a list, `text` a plain value, `list` a list of plain values,
 * `pattern` an RE2 pattern, `flag` true or false.
 */
export type ChangeKeyKind = 'path' | 'rel' | 'paths' | 'text' | 'list' | 'pattern' | 'flag';

export interface ChangeKey {
  name: string;
  required: boolean;
  kind: ChangeKeyKind;
}

const key = (name: string, kind: ChangeKeyKind, required = true): ChangeKey => ({ name, kind, required });

export const CHANGE_KINDS: { kind: string; keys: ChangeKey[] }[] = [
  { kind: 'list', keys: [key('path', 'path'), key('field', 'rel'), key('old', 'rel', false), key('new', 'rel', false), key('skipFields', 'list', false)] },
  { kind: 'fromTo', keys: [key('path', 'path'), key('from', 'rel'), key('to', 'rel')] },
  { kind: 'prefixed', keys: [key('prefixes', 'list'), key('under', 'path', false)] },
  { kind: 'text', keys: [key('path', 'path'), key('pattern', 'pattern')] },
  { kind: 'newOnly', keys: [key('path', 'path'), key('skipFields', 'list', false)] },
  { kind: 'pair', keys: [key('field', 'text', false), key('fieldPath', 'paths', false), key('old', 'path'), key('new', 'path'), key('ifText', 'flag', false)] },
];

export function vocabulary(): MappingVocabulary {
  return {
    columns: [...MAPPED_FIELDS],
    transforms: [...TRANSFORMS],
    changeKinds: CHANGE_KINDS.map((k) => ({
      kind: k.kind,
      keys: k.keys.map((x) => ({
        name: x.name,
        required: x.required,
        type: x.kind === 'paths' ? 'paths' : x.kind === 'list' ? 'list' : x.kind === 'flag' ? 'flag' : 'text',
      })),
    })),
  };
}
