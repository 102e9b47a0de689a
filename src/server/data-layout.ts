import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where the server keeps its files inside the data directory. */
export interface DataLayout {
  root: string;
  /** Partial and just-finished tus uploads (file plus its .json metadata). */
  uploads: string;
  /** Accepted videos, named by content hash: videos/<hash>.<ext>. */
  videos: string;
  /** Cut clips, cached per video: clips/<videoId>/<start>-<end>.mp4. */
  clips: string;
}

export function dataLayout(root: string): DataLayout {
  return {
    root,
    uploads: join(root, 'uploads'),
    videos: join(root, 'videos'),
    clips: join(root, 'clips'),
  };
}

export function createDataLayout(root: string): DataLayout {
  const layout = dataLayout(root);
  for (const dir of [layout.uploads, layout.videos, layout.clips])
    mkdirSync(dir, { recursive: true });
  return layout;
}
