import { diffLineArrays, splitLines, type Op } from './line-diff.ts';

/**
 * Line diffs of large texts, off the main thread so the window keeps answering while two 1 MB
 * sources are compared. Built by Vite as its own file under the app's origin, which the CSP's
 * `script-src 'self'` allows (an inline or blob: worker would be refused).
 */

export interface DiffRequest {
  id: number;
  pairs: { a: string; b: string }[];
}

export interface DiffResponse {
  id: number;
  ops: Op[][];
}

// A dedicated worker's global scope; the project's TypeScript lib is the DOM one, which types `self` as Window.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<DiffRequest>) => void) | null;
  postMessage(message: DiffResponse): void;
};

scope.onmessage = (e) => {
  const { id, pairs } = e.data;
  const ops = pairs.map((p) => (p.a === p.b ? [] : diffLineArrays(splitLines(p.a), splitLines(p.b))));
  scope.postMessage({ id, ops });
};
