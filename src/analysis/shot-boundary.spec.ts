import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFrames } from '../media/frames.ts';
import { probeVideo } from '../media/probe.ts';
import { ShotBoundaryDetector } from './shot-boundary.ts';

const video = (name: string) => join(process.env.GLIMPSE_SHARED_DATA!, 'video', name);

async function cutTimes(path: string, seconds: number): Promise<number[]> {
  const facts = await probeVideo(path);
  const sut = new ShotBoundaryDetector();
  const cuts: number[] = [];
  for await (const frame of decodeFrames(path, { fps: 5, maxSide: 640, facts })) {
    if (frame.t > seconds) break;
    if (sut.isCut(frame)) cuts.push(frame.t);
  }
  return cuts;
}

describe(ShotBoundaryDetector.name, () => {
  it('should find no cut while people walk through a fixed camera view', async () => {
    expect(await cutTimes(video('opencv_vtest.avi'), 30)).toEqual([]);
    expect(await cutTimes(video('facenetpytorch_royal_opera_house_walkers.mp4'), 5)).toEqual([]);
  });

  it('should find a cut between frames of two different scenes', async () => {
    const [street, arcade] = await Promise.all(
      ['opencv_vtest.avi', 'facenetpytorch_royal_opera_house_walkers.mp4'].map(async (name) => {
        const facts = await probeVideo(video(name));
        for await (const frame of decodeFrames(video(name), { fps: 5, maxSide: 640, facts })) {
          return frame;
        }
        throw new Error(`no frame in ${name}`);
      }),
    );
    const sut = new ShotBoundaryDetector();
    expect(sut.isCut(street)).toBe(false);
    expect(sut.isCut(arcade)).toBe(true);
  });
});
