import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFfmpegRunningOn } from '../../test/fixtures/processes.ts';
import { sharedData } from '../../test/support/shared.ts';
import { Analyzer } from './analyzer.ts';

describe(Analyzer.name, () => {
  let dir: string;
  let analyzer: Analyzer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'glimpse-analyzer-'));
    analyzer = await Analyzer.load();
  });

  afterAll(async () => {
    await analyzer?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('should stop ffmpeg when the analysis fails part way through the frames', async () => {
    const path = join(dir, 'fails-part-way.avi');
    await copyFile(sharedData('video', 'opencv_vtest.avi'), path);
    const failOnThirdFrame = (progress: { stage: string; videoSeconds: number }) => {
      if (progress.stage === 'frames' && progress.videoSeconds >= 0.4) throw new Error('listener');
    };

    await expect(analyzer.analyze(path, { onProgress: failOnThirdFrame })).rejects.toThrow(
      'listener',
    );
    await expect.poll(() => isFfmpegRunningOn(path), { timeout: 5000 }).toBe(false);
  });
});
