// What the user picked or dropped: one table, or images (a zip, a folder, loose image files).

export interface PickedFile {
  path: string;
  file: File;
}

const IMAGE_NAME = /\.(zip|png|jpe?g|webp)$/i;

/** True when the pick is images rather than one table (a model bundle goes through Load model). */
export function isImageUpload(files: PickedFile[]): boolean {
  return files.length > 1 || files.some((f) => IMAGE_NAME.test(f.file.name) || f.path.includes('/'));
}

/** The upload's name as the page shows it: the folder's, or the one file's, or a count. */
export function uploadName(files: PickedFile[]): string {
  const top = files[0]?.path.split('/')[0];
  if (files.length === 1) return files[0].file.name;
  if (top && files.every((f) => f.path.startsWith(`${top}/`))) return top;
  return `${files.length} files`;
}

/** Files from an `<input type="file">`, with their folder paths when it was a folder upload. */
export function pickedFrom(list: FileList): PickedFile[] {
  return Array.from(list, (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/** Dropped files and folders, folders read recursively (paths relative to what was dropped). */
export async function droppedFiles(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(transfer.items, (item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.some((e) => e === null)) return Array.from(transfer.files, (file) => ({ path: file.name, file }));
  const out: PickedFile[] = [];
  for (const entry of entries) await walk(entry!, '', out);
  return out;
}

async function walk(entry: FileSystemEntry, prefix: string, out: PickedFile[]): Promise<void> {
  const path = prefix + entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path, file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns at most 100 entries a call: read until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, `${path}/`, out);
  }
}
