import { access, readdir, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '../catalog/catalog.ts';
import { isOwnerAlive } from '../jobs/process-owner.ts';
import { createLogger } from '../logger.ts';
import type { DataLayout } from './data-dir.ts';

const log = createLogger('Library');

const VIDEO_ID = /^[0-9a-f]{64}$/;

/** A vector index being saved: `<kind>.usearch.<pid>-<random>.tmp`, and its `.json`. */
const INDEX_SAVE = /\.usearch\.(\d+)-[0-9a-f]+\.tmp(\.json)?$/;

interface SweepOptions {
  layout: DataLayout;
  catalog: Catalog;
}

/**
 * Tidies what a process that died in the middle of a write left in the data directory:
 * thumbnails it had staged (put in place when their video's rows were committed, else
 * removed), vector index files it was saving, and thumbnails and clips of videos no longer
 * in the catalog (a delete that stopped between the rows and the files).
 */
export async function sweepLeftovers(options: SweepOptions): Promise<void> {
  await settleStagedThumbnails(options);
  await removeUnfinishedIndexSaves(options.layout);
  await removeOrphanFolders(options);
}

async function removeUnfinishedIndexSaves(layout: DataLayout) {
  const entries = await readdir(layout.indexesRoot).catch(() => [] as string[]);
  for (const name of entries) {
    const pid = INDEX_SAVE.exec(name)?.[1];
    if (pid && !isOwnerAlive(`${hostname()}:${pid}`))
      await rm(join(layout.indexesRoot, name), { force: true });
  }
}

/** Staging folders are named `.staging-<videoId>-<pid>` by the process writing them. */
async function settleStagedThumbnails({ layout, catalog }: SweepOptions) {
  const entries = await readdir(layout.thumbnailsRoot).catch(() => [] as string[]);
  for (const name of entries.filter((entry) => entry.startsWith('.staging-'))) {
    const [videoId, pid] = name.slice('.staging-'.length).split('-');
    if (isOwnerAlive(`${hostname()}:${pid}`)) continue;
    const staging = join(layout.thumbnailsRoot, name);
    const final = layout.thumbnailsDir(videoId);
    if ((await wereCommitted(staging, videoId, catalog)) && !(await exists(final))) {
      await rename(staging, final);
      log.info(`Put in place the thumbnails of video ${videoId} that a stopped process staged.`);
    } else {
      await rm(staging, { recursive: true, force: true });
    }
  }
}

/** Whether the staged thumbnails are those of the video's committed tracks. */
async function wereCommitted(staging: string, videoId: string, catalog: Catalog) {
  const video = await catalog.getVideo(videoId);
  if (video?.status !== 'done') return false;
  const tracks = await catalog.getTracks(videoId);
  const staged = new Set(await readdir(staging));
  return tracks.every((track) => staged.has(`${track.track}.jpg`));
}

async function removeOrphanFolders({ layout, catalog }: SweepOptions) {
  // Folders first, then the catalog: a video committed in between then counts as known.
  const folders = [];
  for (const root of [layout.thumbnailsRoot, layout.clipsRoot]) {
    const names = await readdir(root).catch(() => [] as string[]);
    folders.push(...names.filter((name) => VIDEO_ID.test(name)).map((name) => ({ root, name })));
  }
  if (folders.length === 0) return;

  const known = new Set((await catalog.listVideos()).map((video) => video.id));
  const orphans = folders.filter((folder) => !known.has(folder.name));
  for (const { root, name } of orphans)
    await rm(join(root, name), { recursive: true, force: true });
  if (orphans.length > 0)
    log.info(`Removed ${orphans.length} thumbnail and clip folders of deleted videos.`);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
