/**
 * The files in a browser drop, folders included. `dataTransfer.files` lists a dropped folder as one
 * unreadable entry, so folders are walked through the (long-standing, non-standard but universal)
 * webkitGetAsEntry API. Hidden files (`.DS_Store`, `.git/…`) are skipped, as the engine does.
 */

/** A folder with more files than this is not an export; the upload would be an accident. */
const MAX_FILES = 5000;

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: File[]): Promise<void> {
  if (out.length >= MAX_FILES || entry.name.startsWith('.')) return;
  if (entry.isFile) {
    out.push(await entryFile(entry as FileSystemFileEntry));
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches (100 in Chromium) until it returns an empty one.
  for (;;) {
    const batch = await readEntries(reader);
    if (batch.length === 0) break;
    batch.sort((a, b) => a.name.localeCompare(b.name));
    for (const child of batch) await walk(child, out);
  }
}

export async function droppedFiles(dt: DataTransfer): Promise<File[]> {
  // Entries must be taken synchronously, while the drop event is still being dispatched.
  const entries = [...dt.items].filter((i) => i.kind === 'file').map((i) => i.webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((e) => e === null)) return [...dt.files];
  const out: File[] = [];
  for (const entry of entries) if (entry) await walk(entry, out);
  return out;
}

export function hasFiles(dt: DataTransfer | null): boolean {
  return dt !== null && [...dt.types].includes('Files');
}
