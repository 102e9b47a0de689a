import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

/** File name extensions taken for videos when a folder is searched. */
export const VIDEO_EXTENSIONS = new Set([
  '.mp4',
  '.m4v',
  '.mov',
  '.mkv',
  '.avi',
  '.webm',
  '.gif',
  '.mpg',
  '.mpeg',
  '.wmv',
  '.flv',
  '.3gp',
  '.ts',
  '.mts',
  '.m2ts',
  '.ogv',
  '.vob',
]);

export function isVideoFileName(name: string): boolean {
  return VIDEO_EXTENSIONS.has(extname(name).toLowerCase());
}

/**
 * The video files named or found (recursively, by extension) in folders, as absolute paths,
 * each once, in a stable order. A file named explicitly is taken whatever its extension.
 */
export async function findVideos(paths: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(path);
    // A path that cannot be read is still queued: its job fails alone, with the reason.
    const stats = await stat(absolute).catch(() => undefined);
    if (!stats) {
      found.add(absolute);
      continue;
    }
    if (stats.isDirectory()) for (const file of await walk(absolute)) found.add(file);
    else found.add(absolute);
  }
  return [...found];
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile() && isVideoFileName(entry.name)) files.push(path);
  }
  return files;
}
