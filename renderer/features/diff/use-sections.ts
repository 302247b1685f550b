import { useEffect, useMemo, useState } from 'react';
import type { Op } from './line-diff.ts';
import { sectionTexts, toSection, type Section, type SectionInput, type SectionText } from './diff-model.ts';
import type { DiffRequest, DiffResponse } from './diff.worker.ts';

/** Below this many characters on both sides together, diffing on the main thread takes a few ms. */
const WORKER_THRESHOLD = 200_000;

let worker: Worker | null | undefined;
let serial = 0;
const pending = new Map<number, { resolve(ops: Op[][]): void; reject(e: Error): void }>();

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./diff.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<DiffResponse>) => {
      pending.get(e.data.id)?.resolve(e.data.ops);
      pending.delete(e.data.id);
    };
    worker.onerror = () => {
      // A worker that cannot start (an unusual host) fails every request; callers diff in place.
      for (const p of pending.values()) p.reject(new Error('diff worker failed'));
      pending.clear();
      worker?.terminate();
      worker = null;
    };
  } catch {
    worker = null;
  }
  return worker;
}

function diffInWorker(texts: SectionText[]): Promise<Op[][]> {
  const w = getWorker();
  if (!w) return Promise.reject(new Error('no worker'));
  const id = ++serial;
  const req: DiffRequest = { id, pairs: texts.map((t) => ({ a: t.a, b: t.b })) };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage(req);
  });
}

export interface SectionsState {
  /** Null while a large diff is computed. */
  sections: Section[] | null;
  /** Characters compared, both sides together. */
  size: number;
}

/**
 * The compared sections of a diff. Small inputs are diffed during render; large ones in a worker,
 * so the rest of the window stays responsive (and, should the worker not start, in place).
 * `inputs` must be memoized by the caller: a new array is a new diff.
 */
export function useSections(inputs: readonly SectionInput[]): SectionsState {
  const texts = useMemo(() => sectionTexts(inputs), [inputs]);
  const size = useMemo(() => texts.reduce((n, t) => n + t.a.length + t.b.length, 0), [texts]);
  const large = size > WORKER_THRESHOLD;
  const inline = useMemo(() => (large ? null : texts.map((t) => toSection(t))), [texts, large]);
  const [async, setAsync] = useState<{ texts: SectionText[]; sections: Section[] } | null>(null);

  useEffect(() => {
    if (!large) return;
    let live = true;
    diffInWorker(texts).then(
      (ops) => live && setAsync({ texts, sections: texts.map((t, i) => toSection(t, ops[i])) }),
      () => live && setAsync({ texts, sections: texts.map((t) => toSection(t)) }),
    );
    return () => {
      live = false;
    };
  }, [texts, large]);

  if (!large) return { sections: inline, size };
  return { sections: async?.texts === texts ? async.sections : null, size };
}
