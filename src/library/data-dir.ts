import { join, resolve } from 'node:path';
import { defaultDataDir } from '../config/paths.ts';
import type { EmbeddingKind } from '../vision/detection.ts';

/** The data directory: `--data <dir>`, then GLIMPSE_DATA, then the per-user default. */
export function resolveDataDir(option?: string): string {
  return option ? resolve(option) : defaultDataDir();
}

/** Where each piece of a library lives inside its data directory. */
export function dataLayout(dataDir: string) {
  return {
    catalog: join(dataDir, 'catalog.sqlite'),
    indexesRoot: join(dataDir, 'indexes'),
    index: (kind: EmbeddingKind) => join(dataDir, 'indexes', `${kind}.usearch`),
    thumbnailsRoot: join(dataDir, 'thumbnails'),
    /** Relative to the data directory, as the catalog stores it. */
    thumbnail: (videoId: string, track: number) => join('thumbnails', videoId, `${track}.jpg`),
    thumbnailsDir: (videoId: string) => join(dataDir, 'thumbnails', videoId),
    /** Where the server keeps an uploaded video's file: videos/<videoId>/<file name>. */
    uploadedVideoDir: (videoId: string) => join(dataDir, 'videos', videoId),
    clipsRoot: join(dataDir, 'clips'),
    clipsDir: (videoId: string) => join(dataDir, 'clips', videoId),
  };
}

export type DataLayout = ReturnType<typeof dataLayout>;
