import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where the server keeps uploads inside the data directory (the library places the rest). */
export interface DataLayout {
  /** Partial and just-finished tus uploads (file plus its .json metadata). */
  uploads: string;
  /** Accepted videos, named by content hash: videos/<hash>/<name>. */
  videos: string;
}

export function dataLayout(root: string): DataLayout {
  return { uploads: join(root, 'uploads'), videos: join(root, 'videos') };
}

export function createDataLayout(root: string): DataLayout {
  const layout = dataLayout(root);
  for (const dir of [layout.uploads, layout.videos]) mkdirSync(dir, { recursive: true });
  return layout;
}
