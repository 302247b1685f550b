import { useMemo, useState } from 'react';
import { copyText } from '../../app/clipboard.ts';
import { nestingDepth, prettyJson, PRETTY_MAX_DEPTH } from './pretty-json.ts';
import { visibleText } from '../../app/visible-text.ts';
import { LongText } from './LongText.tsx';
import {
  containerSummary,
  countNodes,
  formatPath,
  nodeValueText,
  MAX_DEPTH,
  tryParseJson,
  type JsonNode,
  type PathSegment,
} from './json-tree.ts';

/** Past this the record is shown as text: a tree of millions of nodes helps nobody and stalls the page. */
const TREE_LIMIT_CHARS = 2_000_000;
/** Children shown per container before "Show more". */
const CHILD_PAGE = 100;

interface NodeProps {
  node: JsonNode;
  label: string | null;
  path: PathSegment[];
  depth: number;
  source: string;
  openDepth: number;
}

function Actions({ node, path, source }: { node: JsonNode; path: PathSegment[]; source: string }): React.JSX.Element {
  const p = formatPath(path);
  return (
    <span className="json-actions">
      <button
        type="button"
        className="chip-button"
        title={`Copy path ${p}`}
        data-testid="json-copy-path"
        onClick={() => void copyText(p, `path ${p}`)}
      >
        path
      </button>
      <button
        type="button"
        className="chip-button"
        title="Copy value"
        data-testid="json-copy-value"
        onClick={() => void copyText(nodeValueText(node, source), `value of ${p}`)}
      >
        value
      </button>
    </span>
  );
}

function Scalar({ node }: { node: JsonNode }): React.JSX.Element {
  switch (node.kind) {
    case 'string':
      return <LongText text={node.value} limit={300} className="json-string" />;
    case 'number':
      return <span className="json-number">{node.text}</span>;
    case 'boolean':
      return <span className="json-literal">{String(node.value)}</span>;
    default:
      return <span className="json-literal">null</span>;
  }
}

function Node({ node, label, path, depth, source, openDepth }: NodeProps): React.JSX.Element {
  const container = node.kind === 'object' || node.kind === 'array';
  const [open, setOpen] = useState(depth < openDepth);
  const [shown, setShown] = useState(CHILD_PAGE);
  const children: { key: PathSegment; label: string; node: JsonNode }[] =
    node.kind === 'object'
      ? node.entries.map((e) => ({ key: e.key, label: e.key, node: e.node }))
      : node.kind === 'array'
        ? node.items.map((n, i) => ({ key: i, label: String(i), node: n }))
        : [];
  const empty = container && children.length === 0;

  return (
    <li className="json-node" data-testid="json-node" data-path={formatPath(path)}>
      <div className="json-row">
        {container && !empty ? (
          <button
            type="button"
            className="json-toggle"
            aria-expanded={open}
            aria-label={open ? 'Collapse' : 'Expand'}
            onClick={() => setOpen(!open)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="json-toggle-space" />
        )}
        {label !== null && <span className="json-key">{visibleText(label)}</span>}
        {label !== null && <span className="json-colon">:</span>}
        {container ? (
          <span className="json-summary">
            {empty ? (node.kind === 'object' ? '{}' : '[]') : containerSummary(node)}
          </span>
        ) : (
          <Scalar node={node} />
        )}
        <Actions node={node} path={path} source={source} />
      </div>
      {container && open && !empty && (
        <ul className="json-children">
          {children.slice(0, shown).map((c, i) => (
            <Node
              // Keys may repeat in an object (kept as logged), so the position is part of the key.
              key={`${i}:${c.label}`}
              node={c.node}
              label={c.label}
              path={[...path, c.key]}
              depth={depth + 1}
              source={source}
              openDepth={openDepth}
            />
          ))}
          {children.length > shown && (
            <li className="json-more">
              <button type="button" className="link" onClick={() => setShown(shown + CHILD_PAGE * 5)}>
                Show {Math.min(children.length - shown, CHILD_PAGE * 5)} more of {children.length - shown}
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

/**
 * The raw record as a collapsible tree. Parsed without JSON.parse's number rounding (json-tree.ts);
 * every key and value is a text node. Text that is not JSON is shown as it is.
 */
export function JsonTree({ text }: { text: string }): React.JSX.Element {
  const root = useMemo(() => (text.length <= TREE_LIMIT_CHARS ? tryParseJson(text) : null), [text]);
  // Small records open fully; big ones open two levels so the first screen is still readable.
  const baseDepth = useMemo(() => (root && countNodes(root, 400) < 400 ? 8 : 2), [root]);
  const [mode, setMode] = useState<{ depth: number; generation: number }>({ depth: -1, generation: 0 });
  const openDepth = mode.depth < 0 ? baseDepth : mode.depth;

  const depth = useMemo(() => (root || text.length > TREE_LIMIT_CHARS ? 0 : nestingDepth(text)), [root, text]);
  const pretty = useMemo(() => (root || text.length > TREE_LIMIT_CHARS ? null : prettyJson(text)), [root, text]);
  if (!root) {
    return (
      <>
        {depth > MAX_DEPTH && (
          <p className="raw-note" data-testid="raw-too-deep">
            Nesting {depth.toLocaleString('en-US')} levels deep (deeper than {MAX_DEPTH}) is shown as text; levels past {PRETTY_MAX_DEPTH} stay
            on one line, as recorded.
          </p>
        )}
        <pre className="raw" data-testid="raw-text">
          <LongText text={pretty ?? text} limit={200_000} />
        </pre>
      </>
    );
  }
  return (
    <div className="json-tree" data-testid="json-tree">
      <div className="json-tree-tools">
        <button
          type="button"
          className="link"
          onClick={() => setMode((m) => ({ depth: 64, generation: m.generation + 1 }))}
        >
          Expand all
        </button>
        <button
          type="button"
          className="link"
          onClick={() => setMode((m) => ({ depth: 1, generation: m.generation + 1 }))}
        >
          Collapse
        </button>
        <button type="button" className="link" onClick={() => void copyText(text, 'raw record')} data-testid="copy-raw">
          Copy raw
        </button>
      </div>
      <ul className="json-root" key={`${mode.generation}`}>
        <Node node={root} label={null} path={[]} depth={0} source={text} openDepth={openDepth} />
      </ul>
    </div>
  );
}
