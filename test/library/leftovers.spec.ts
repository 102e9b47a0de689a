import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteCatalog } from '../../src/catalog/sqlite-catalog.ts';
import { Library } from '../../src/library/library.ts';
import { deadPid } from '../fixtures/processes.ts';
import { analysisResult } from './factories.ts';

/** What a process that died in the middle of storing or deleting a video leaves behind. */
describe('Library.open after a crash', () => {
  let dataDir: string;
  let library: Library | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'glimpse-leftovers-'));
  });

  afterEach(async () => {
    await library?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function stageThumbnails(videoId: string, tracks: number[]): string {
    const staging = join(dataDir, 'thumbnails', `.staging-${videoId}-${deadPid()}`);
    mkdirSync(staging, { recursive: true });
    for (const track of tracks) writeFileSync(join(staging, `${track}.jpg`), 'jpeg');
    return staging;
  }

  it('should put in place the thumbnails of a video committed just before the crash', async () => {
    const video = analysisResult();
    const catalog = SqliteCatalog.open(join(dataDir, 'catalog.sqlite'));
    await catalog.saveAnalysis(video, { sizeBytes: 1, thumbnailPaths: new Map() });
    await catalog.close();
    const staging = stageThumbnails(video.hash, [1, 2]);

    library = await Library.open({ dataDir });

    expect(existsSync(staging)).toBe(false);
    expect(existsSync(library.thumbnailPath(video.hash, 1))).toBe(true);
    expect(existsSync(library.thumbnailPath(video.hash, 2))).toBe(true);
  });

  it('should remove the thumbnails staged for a video that was never committed', async () => {
    const staging = stageThumbnails('ab'.repeat(32), [1]);

    library = await Library.open({ dataDir });

    expect(existsSync(staging)).toBe(false);
    expect(readdirSync(join(dataDir, 'thumbnails'))).toEqual([]);
  });

  it('should remove the index files a dead process was saving, not those of a live one', async () => {
    const indexes = join(dataDir, 'indexes');
    mkdirSync(indexes);
    const dead = [`face.usearch.${deadPid()}-0a1b.tmp`, `face.usearch.${deadPid()}-0a1b.tmp.json`];
    const live = `body.usearch.${process.pid}-2c3d.tmp`;
    for (const name of [...dead, live]) writeFileSync(join(indexes, name), 'index bytes');

    library = await Library.open({ dataDir });

    expect(readdirSync(indexes)).toEqual([live]);
  });

  it('should remove the thumbnails and clips of a video whose rows are gone', async () => {
    library = await Library.open({ dataDir });
    const kept = analysisResult();
    const deleted = analysisResult();
    await library.saveAnalysis(kept, { sizeBytes: 1 });
    await library.saveAnalysis(deleted, { sizeBytes: 1 });
    mkdirSync(library.clipsDir(deleted.hash), { recursive: true });
    // The delete stops after the rows: the catalog alone forgets the video.
    await library.catalog.deleteVideo(deleted.hash);
    await library.close();

    library = await Library.open({ dataDir });

    expect(readdirSync(join(dataDir, 'thumbnails'))).toEqual([kept.hash]);
    expect(existsSync(library.clipsDir(deleted.hash))).toBe(false);
    expect(existsSync(library.thumbnailPath(kept.hash, 1))).toBe(true);
  });
});
