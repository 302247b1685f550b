/**
 * Files and folders dropped on the desktop window are imported by path. The page never learns
 * those paths (Electron no longer puts them on File objects, and the preload exposes nothing but
 * the API), so the preload, which may ask webUtils for them, starts the import itself over the
 * ordinary importFiles channel. Progress reaches the page through the usual events.
 */

export interface DropTarget {
  addEventListener(type: 'dragover' | 'drop', listener: (e: DropEventLike) => void): void;
}

export interface DropEventLike {
  dataTransfer: { files: ArrayLike<File>; types: ArrayLike<string> } | null;
  preventDefault(): void;
}

/** The paths of dropped files; items without one (text, an image from a web page) are skipped. */
export function droppedPaths(files: ArrayLike<File>, pathFor: (file: File) => string): string[] {
  const paths: string[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    if (!file) continue;
    let path = '';
    try {
      path = pathFor(file);
    } catch {
      path = ''; // not a file from disk
    }
    if (path) paths.push(path);
  }
  return paths;
}

export function installFileDrop(
  target: DropTarget,
  pathFor: (file: File) => string,
  importPaths: (paths: string[]) => void,
): void {
  const hasFiles = (e: DropEventLike): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  target.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  target.addEventListener('drop', (e) => {
    if (!hasFiles(e) || !e.dataTransfer) return;
    e.preventDefault();
    const paths = droppedPaths(e.dataTransfer.files, pathFor);
    if (paths.length > 0) importPaths(paths);
  });
}
