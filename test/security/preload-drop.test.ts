import { describe, expect, it, vi } from 'vitest';
import { droppedPaths, installFileDrop, type DropEventLike } from '../../preload/drop.ts';

/** A window stand-in: records listeners so the test can dispatch drag events at them. */
function fakeWindow() {
  const listeners = new Map<string, (e: DropEventLike) => void>();
  return {
    listeners,
    addEventListener(type: 'dragover' | 'drop', l: (e: DropEventLike) => void) {
      listeners.set(type, l);
    },
    fire(type: string, files: File[], types = ['Files']) {
      const e = { dataTransfer: { files, types }, preventDefault: vi.fn() };
      listeners.get(type)?.(e);
      return e;
    },
  };
}

const file = (name: string): File => new File(['x'], name);
const pathOf = (f: File): string => (f.name.startsWith('web-') ? '' : `/evidence/${f.name}`);

describe('desktop drop (preload)', () => {
  it('imports dropped files and folders by path over the importFiles channel', () => {
    const win = fakeWindow();
    const importPaths = vi.fn();
    installFileDrop(win, pathOf, importPaths);
    const e = win.fire('drop', [file('okta.ndjson'), file('exports')]);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(importPaths).toHaveBeenCalledWith(['/evidence/okta.ndjson', '/evidence/exports']);
  });

  it('allows the drop only for files, so text dragged around the page behaves as usual', () => {
    const win = fakeWindow();
    const importPaths = vi.fn();
    installFileDrop(win, pathOf, importPaths);
    expect(win.fire('dragover', [], ['text/plain']).preventDefault).not.toHaveBeenCalled();
    expect(win.fire('dragover', [file('a.json')]).preventDefault).toHaveBeenCalled();
    win.fire('drop', [], ['text/plain']);
    expect(importPaths).not.toHaveBeenCalled();
  });

  it('skips items that have no path on disk (an image dragged from a web page)', () => {
    expect(droppedPaths([file('web-image.png'), file('cloudtrail.json.gz')], pathOf)).toEqual([
      '/evidence/cloudtrail.json.gz',
    ]);
    expect(
      droppedPaths([file('a')], () => {
        throw new Error('not a file');
      }),
    ).toEqual([]);
  });

  it('starts nothing when nothing in the drop has a path', () => {
    const win = fakeWindow();
    const importPaths = vi.fn();
    installFileDrop(win, pathOf, importPaths);
    win.fire('drop', [file('web-a.png')]);
    expect(importPaths).not.toHaveBeenCalled();
  });
});
