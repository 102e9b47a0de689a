import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GlimpseError } from '../../src/errors.ts';
import { Library } from '../../src/library/library.ts';
import { searchByTrack } from '../../src/search/search.ts';
import { analysisResult } from '../library/factories.ts';

describe('searchByTrack', () => {
  let dataDir: string;
  let library: Library;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'glimpse-track-query-'));
    library = await Library.open({ dataDir });
  });

  afterEach(async () => {
    await library.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should name the video, the missing track and how many tracks it has', async () => {
    const video = analysisResult();
    await library.saveAnalysis(video, { sizeBytes: 1 });

    const error = await searchByTrack(library, {
      videoId: video.hash.slice(0, 8),
      trackId: 7,
      requester: 'test',
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GlimpseError);
    expect((error as GlimpseError).message).toBe(
      `Video ${video.hash.slice(0, 12)} (${video.path}) has no track 7: it has 2 tracks.`,
    );
    expect((error as GlimpseError).code).toBe('TRACK_NOT_FOUND');
    expect((error as GlimpseError).hint).not.toMatch(/glimpse videos </);
  });
});
