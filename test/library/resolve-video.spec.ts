import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GlimpseError } from '../../src/errors.ts';
import { Library } from '../../src/library/library.ts';
import { analysisResult } from './factories.ts';

describe('Library.resolveVideo', () => {
  let dataDir: string;
  let library: Library;
  const video = analysisResult({ path: resolve('footage', 'walk.mp4') });

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'glimpse-resolve-'));
    library = await Library.open({ dataDir });
    await library.saveAnalysis(video, { sizeBytes: 1 });
  });

  afterEach(async () => {
    await library.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should find a video by id prefix, absolute path or path relative to here', async () => {
    for (const reference of [video.hash.slice(0, 6), video.path, join('footage', 'walk.mp4')])
      expect((await library.resolveVideo(reference)).id).toBe(video.hash);
  });

  it('should name the reference that matched nothing', async () => {
    const error = await library.resolveVideo('footage/run.mp4').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GlimpseError);
    expect((error as GlimpseError).message).toBe(
      'No video in the library matches "footage/run.mp4".',
    );
  });
});
