import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoFacts } from '../analysis/result.ts';
import { buildFaceVideo, makeTempDir, sharedData } from '../../test/fixtures/videos.ts';
import { isGlimpseError } from '../errors.ts';
import { cutClip } from './clip.ts';
import { readFfprobeOutput } from './ffprobe-output.ts';
import type { Frame } from './frame.ts';
import { decodeFrames } from './frames.ts';
import { probeVideo } from './probe.ts';

let dir: string;

beforeAll(async () => {
  dir = await makeTempDir();
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe(cutClip.name, () => {
  it('should cut a playable H.264 mp4 of the asked duration', async () => {
    const output = join(dir, 'vtest-clip.mp4');

    await cutClip({
      input: sharedData('video', 'opencv_vtest.avi'),
      start: 10.3,
      end: 12.8,
      output,
    });

    const probe = await readFfprobeOutput(output);
    const video = probe.streams.find((stream) => stream.codec_type === 'video');
    expect(video?.codec_name).toBe('h264');
    expect(Number(probe.format.duration)).toBeCloseTo(2.5, 1);
  });

  it('should keep the sound as AAC', async () => {
    const output = join(dir, 'walkers-clip.mp4');
    const input = sharedData('video', 'facenetpytorch_royal_opera_house_walkers.mp4');

    await cutClip({ input, start: 1, end: 2, output });

    const probe = await readFfprobeOutput(output);
    const codecs = probe.streams.map((stream) => stream.codec_name);
    expect(codecs).toEqual(['h264', 'aac']);
    expect(Number(probe.format.duration)).toBeCloseTo(1, 1);
  });

  it('should cut exactly at the asked time', async () => {
    const source = join(dir, 'face.mp4');
    const photo = sharedData('faces', 'bbt_amy', 'faceapijs__amy1.png');
    await buildFaceVideo({ output: source, segments: [{ photo, start: 1, end: 3 }], duration: 4 });
    const output = join(dir, 'face-clip.mp4');

    await cutClip({ input: source, start: 0.6, end: 1.6, output });

    // The photo appears 1 s into the source, so 0.4 s into the clip: frame 10 at 25 fps.
    const facts = await probeVideo(output);
    expect(await firstFrameWhere(output, facts, showsPhoto)).toBeCloseTo(0.4, 6);
  });

  it('should refuse an end before the start', async () => {
    const output = join(dir, 'backwards.mp4');

    const error = await cutClip({
      input: sharedData('video', 'opencv_vtest.avi'),
      start: 5,
      end: 4,
      output,
    }).catch((caught) => caught);

    expect(isGlimpseError(error)).toBe(true);
  });

  it('should leave no file behind when the cut fails', async () => {
    const failed = await makeTempDir();
    const input = join(failed, 'missing.mp4');

    const error = await cutClip({
      input,
      start: 0,
      end: 1,
      output: join(failed, 'clip.mp4'),
    }).catch((caught) => caught);

    expect(error.message).toContain(input);
    expect(await readdir(failed)).toEqual([]);
    await rm(failed, { recursive: true, force: true });
  });
});

/** The background is mid grey (128); the photo's centre pixel is not. */
function showsPhoto(frame: Frame): boolean {
  const centre = (Math.floor(frame.height / 2) * frame.width + Math.floor(frame.width / 2)) * 3;
  return Math.abs(frame.data[centre] - 128) > 28;
}

async function firstFrameWhere(
  path: string,
  facts: VideoFacts,
  test: (frame: Frame) => boolean,
): Promise<number | undefined> {
  for await (const frame of decodeFrames(path, { fps: 100, facts })) {
    if (test(frame)) return frame.t;
  }
  return undefined;
}
