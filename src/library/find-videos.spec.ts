import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findVideos } from './find-videos.ts';

describe(findVideos.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'glimpse-find-'));
    mkdirSync(join(dir, 'trip', 'day 2'), { recursive: true });
    for (const name of ['a.MP4', 'notes.txt', 'trip/b.gif', 'trip/day 2/c.mkv', 'trip/.d.mov'])
      writeFileSync(join(dir, name), 'x');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should find videos by extension in folders, recursively, skipping hidden files', async () => {
    const found = await findVideos([dir]);

    expect(found).toEqual(['a.MP4', 'trip/b.gif', 'trip/day 2/c.mkv'].map((f) => join(dir, f)));
  });

  it('should take a file named explicitly whatever its extension, once', async () => {
    const notes = join(dir, 'notes.txt');

    expect(await findVideos([notes, notes, join(dir, 'a.MP4')])).toEqual([
      notes,
      join(dir, 'a.MP4'),
    ]);
  });

  it('should keep a path that does not exist, for its job to fail with the reason', async () => {
    expect(await findVideos([join(dir, 'missing.mp4')])).toEqual([join(dir, 'missing.mp4')]);
  });
});
