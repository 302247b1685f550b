import { useState, type KeyboardEvent } from 'react';
import { MAX_TAG_CHARS, TAG_COLORS, type TagColor } from '../../../preload/api.ts';
import { Popover } from '../../app/Popover.tsx';
import { addTag, removeTag, setTagColor } from './actions.ts';
import { TagChip } from './TagChips.tsx';
import { tagColorOf, useEventAnnotations, useTags } from './use-annotations.ts';

/**
 * Tags of one event: the ones it has (× removes), a field with completion from the case's tags
 * (↑/↓ and Enter pick one, Enter on new text makes a new tag), and the colour of the tag in the
 * field. Everything shown is text.
 */
export function TagEditor({ eventId, at, onClose }: { eventId: string; at: { x: number; y: number }; onClose(): void }): React.JSX.Element {
  const a = useEventAnnotations(eventId);
  const tags = useTags();
  const [text, setText] = useState('');
  const [pick, setPick] = useState(0);
  const has = new Set(a.tags.map((t) => t.name.toLowerCase()));
  const q = text.trim().toLowerCase();
  const matches = tags.filter((t) => !has.has(t.name.toLowerCase()) && t.name.toLowerCase().includes(q)).slice(0, 8);
  const exact = tags.find((t) => t.name.toLowerCase() === q);
  const colorTarget = exact?.name ?? a.tags[a.tags.length - 1]?.name;

  const add = async (name: string): Promise<void> => {
    if (name.trim() === '') return;
    if (await addTag(eventId, name.trim())) {
      setText('');
      setPick(0);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setPick((p) => Math.min(p + 1, Math.max(0, matches.length - 1)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setPick((p) => Math.max(0, p - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = q !== '' && !exact && pick === 0 && !matches.some((m) => m.name.toLowerCase().startsWith(q)) ? text : (matches[pick]?.name ?? text);
      void add(chosen);
    }
  };
  return (
    <Popover at={at} onClose={onClose} label="Tags" className="tag-editor" testId="tag-editor">
      <div className="popover-head">Tags</div>
      <div className="tag-editor-current">
        {a.tags.length === 0 && <span className="muted">No tags yet</span>}
        {a.tags.map((t) => (
          <TagChip key={t.name} name={t.name} color={tagColorOf(tags, t.name)} onRemove={() => void removeTag(eventId, t.name)} />
        ))}
      </div>
      <input
        className="tag-input"
        data-testid="tag-input"
        aria-label="Add a tag"
        placeholder="Add a tag…"
        value={text}
        maxLength={MAX_TAG_CHARS}
        onChange={(e) => {
          setText(e.target.value);
          setPick(0);
        }}
        onKeyDown={onKey}
        role="combobox"
        aria-expanded={matches.length > 0}
        aria-controls="tag-suggestions"
        aria-autocomplete="list"
      />
      {(matches.length > 0 || (q !== '' && !exact)) && (
        <ul className="tag-suggestions" id="tag-suggestions" role="listbox" aria-label="Tags of this case">
          {matches.map((t, i) => (
            <li key={t.name} role="option" aria-selected={i === pick}>
              <button type="button" className={i === pick ? 'picked' : undefined} onClick={() => void add(t.name)} data-testid="tag-suggestion">
                <span className={`tag-dot tag-${t.color}`} />
                <span className="tag-suggestion-name">{t.name}</span>
                <span className="muted">{t.events}</span>
              </button>
            </li>
          ))}
          {q !== '' && !exact && (
            <li role="option" aria-selected={false}>
              <button type="button" onClick={() => void add(text)} data-testid="tag-create">
                New tag “<span className="tag-suggestion-name">{text.trim()}</span>”
              </button>
            </li>
          )}
        </ul>
      )}
      {colorTarget && (
        <div className="tag-colors" role="radiogroup" aria-label={`Colour of ${colorTarget}`}>
          <span className="muted tag-colors-label">{colorTarget}</span>
          {TAG_COLORS.map((c: TagColor) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={tagColorOf(tags, colorTarget) === c}
              aria-label={c}
              title={c}
              className={`tag-swatch tag-${c}`}
              onClick={() => void setTagColor(colorTarget, c)}
              data-testid={`tag-color-${c}`}
            />
          ))}
        </div>
      )}
    </Popover>
  );
}
