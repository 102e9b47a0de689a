import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoFacts } from '../analysis/result.ts';
import { isGlimpseError } from '../errors.ts';
import {
  expectedSampleTimes,
  ffprobeFrameTimes,
  makeBadFiles,
  makeLateStartVideo,
  makeOddSizeVideo,
  makeRotatedVideo,
  makeTempDir,
  makeVariableFrameRateVideo,
  sharedData,
  VARIABLE_FRAME_RATE_TIMES,
  type BadFiles,
} from '../../test/fixtures/videos.ts';
import { isFfmpegRunningOn } from '../../test/fixtures/processes.ts';
import type { Frame } from './frame.ts';
import { decodeFrames, type DecodeFramesOptions } from './frames.ts';
import { probeVideo } from './probe.ts';

const VTEST = sharedData('video', 'opencv_vtest.avi');

let dir: string;
let bad: BadFiles;

beforeAll(async () => {
  dir = await makeTempDir();
  bad = await makeBadFiles(dir);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

async function decodeAll(
  path: string,
  options: Partial<DecodeFramesOptions> & { fps: number },
): Promise<Frame[]> {
  const facts = options.facts ?? (await probeVideo(path));
  const frames: Frame[] = [];
  for await (const frame of decodeFrames(path, { ...options, facts })) frames.push(frame);
  return frames;
}

function times(frames: Frame[]): number[] {
  return frames.map((frame) => frame.t);
}

/** Mean of one colour channel over a rectangle of a frame. */
function meanBrightness(frame: Frame, x: number, y: number, width: number, height: number) {
  let sum = 0;
  for (let row = y; row < y + height; row += 1) {
    for (let col = x; col < x + width; col += 1) sum += frame.data[(row * frame.width + col) * 3];
  }
  return sum / (width * height);
}

describe(decodeFrames.name, () => {
  it('should sample a constant frame rate video at exact multiples of 1/fps', async () => {
    const frames = await decodeAll(VTEST, { fps: 5 });

    expect(times(frames).slice(0, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(frames.at(-1)?.t).toBeCloseTo(79.4, 6);
    expect(frames.map((frame) => frame.index)).toEqual(frames.map((_, i) => i));
  });

  it('should give as many frames as duration times fps', async () => {
    const facts = await probeVideo(VTEST);

    const frames = await decodeAll(VTEST, { fps: 5, maxSide: 320, facts });

    expect(Math.abs(frames.length - facts.duration * 5)).toBeLessThanOrEqual(1);
  });

  it('should write packed RGB frames of the displayed size', async () => {
    const [frame] = await decodeAll(VTEST, { fps: 0.1 });

    expect(frame).toMatchObject({ width: 768, height: 576, scale: 1 });
    expect(frame.data.length).toBe(768 * 576 * 3);
  });

  it('should shrink frames to maxSide and say how to map them back', async () => {
    const [frame] = await decodeAll(VTEST, { fps: 0.1, maxSide: 320 });

    expect(frame).toMatchObject({ width: 320, height: 240, scale: 2.4 });
    expect(frame.data.length).toBe(320 * 240 * 3);
  });

  it('should never enlarge frames', async () => {
    const [frame] = await decodeAll(VTEST, { fps: 0.1, maxSide: 4000 });

    expect(frame).toMatchObject({ width: 768, height: 576, scale: 1 });
  });

  it('should keep the real times of a variable frame rate video', async () => {
    const path = join(dir, 'vfr.mp4');
    await makeVariableFrameRateVideo(path);

    const sampled = await decodeAll(path, { fps: 5 });
    const every = await decodeAll(path, { fps: 100 });

    expect(times(sampled)).toEqual(expectedSampleTimes(VARIABLE_FRAME_RATE_TIMES, 5));
    expect(times(every)).toEqual(VARIABLE_FRAME_RATE_TIMES);
  });

  it('should time a late video stream from the start of the video', async () => {
    const path = join(dir, 'late.mp4');
    await makeLateStartVideo(path, 1.5);

    const frames = await decodeAll(path, { fps: 5 });

    expect(frames[0].t).toBeCloseTo(1.5, 6);
    expect(times(frames)).toEqual(expectedSampleTimes(await ffprobeFrameTimes(path), 5));
  });

  it('should turn a rotated video upright', async () => {
    const path = join(dir, 'rotated.mp4');
    await makeRotatedVideo(path, 90);

    const [frame] = await decodeAll(path, { fps: 1 });

    // Turned clockwise, the stored top-left marker is at the top right.
    expect(frame).toMatchObject({ width: 240, height: 320 });
    expect(meanBrightness(frame, 240 - 50, 0, 50, 70)).toBeGreaterThan(200);
    expect(meanBrightness(frame, 0, 0, 50, 70)).toBeLessThan(60);
  });

  it('should decode a video of odd width and height, also shrunk', async () => {
    const path = join(dir, 'odd.mp4');
    await makeOddSizeVideo(path, 321, 241);

    const [full] = await decodeAll(path, { fps: 1 });
    const [small] = await decodeAll(path, { fps: 1, maxSide: 200 });

    expect(full).toMatchObject({ width: 321, height: 241 });
    expect(full.data.length).toBe(321 * 241 * 3);
    expect(small).toMatchObject({ width: 200, height: 150 });
    expect(small.data.length).toBe(200 * 150 * 3);
  });

  it('should keep the frame delays of a GIF', async () => {
    const path = sharedData('video', 'intel_face-demographics-walking.gif');

    const frames = await decodeAll(path, { fps: 5 });

    expect(times(frames)).toEqual(expectedSampleTimes(await ffprobeFrameTimes(path), 5));
    expect(frames.length).toBeGreaterThanOrEqual(14);
  });

  it('should stop ffmpeg when the caller stops reading', async () => {
    const path = join(dir, 'stop-early.avi');
    await copyFile(VTEST, path);
    const facts = await probeVideo(path);

    for await (const frame of decodeFrames(path, { fps: 10, facts })) {
      if (frame.index === 2) break;
    }

    await expect.poll(() => isFfmpegRunningOn(path), { timeout: 5000 }).toBe(false);
  });

  it('should stop with the abort reason when the signal aborts', async () => {
    const controller = new AbortController();
    const facts = await probeVideo(VTEST);
    const read = async () => {
      for await (const frame of decodeFrames(VTEST, {
        fps: 10,
        facts,
        signal: controller.signal,
      })) {
        if (frame.index === 2) controller.abort(new Error('stopped by test'));
      }
    };

    await expect(read()).rejects.toThrow('stopped by test');
  });

  it('should decode the readable part of a video cut short', async () => {
    const frames = await decodeAll(bad.truncatedPlayable, { fps: 1, maxSide: 160 });

    expect(frames.length).toBeGreaterThan(50);
    expect(frames.at(-1)?.t).toBeLessThan(60);
  });

  it('should go on past damaged data in the middle of a video', async () => {
    const facts = await probeVideo(bad.damaged);

    const frames = await decodeAll(bad.damaged, { fps: 1, maxSide: 160, facts });

    expect(frames.at(-1)?.t).toBeGreaterThan(facts.duration - 2);
    expect(frames.length).toBeGreaterThan(facts.duration * 0.8);
  });

  it('should fail with an error naming the file when ffmpeg cannot decode it', async () => {
    const facts: VideoFacts = {
      ...(await probeVideo(VTEST)),
      format: 'mov,mp4,m4a,3gp,3g2,mj2',
    };

    const error = await decodeAll(bad.textAsMp4, { fps: 1, facts }).catch((caught) => caught);

    expect(isGlimpseError(error)).toBe(true);
    expect(error.message).toContain(bad.textAsMp4);
  });
});
