import { describe, expect, it } from 'vitest';
import type { Box } from '../geometry/box.ts';
import {
  boxOfMotion,
  correctBoxMotion,
  motionVariance,
  predictBoxMotion,
  startBoxMotion,
  type BoxMotion,
} from './box-motion.ts';

/** A 60×160 person whose box moves by `velocity` pixels per second. */
function walkerAt(t: number, velocity: [number, number] = [80, 10]): Box {
  const x = 100 + velocity[0] * t;
  const y = 200 + velocity[1] * t;
  return [x, y, x + 60, y + 160];
}

/** Corrects the motion with the walker's box at each time, predicting in between. */
function follow(times: number[], velocity?: [number, number]): BoxMotion {
  let motion = startBoxMotion(walkerAt(times[0], velocity), times[0]);
  for (const t of times.slice(1)) {
    motion = correctBoxMotion(predictBoxMotion(motion, t), walkerAt(t, velocity));
  }
  return motion;
}

function expectBoxNear(actual: Box, expected: Box, pixels: number): void {
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(pixels));
}

describe('box motion', () => {
  it('should start at the measured box, standing still', () => {
    const motion = startBoxMotion([10, 20, 70, 180], 3);
    expectBoxNear(boxOfMotion(motion), [10, 20, 70, 180], 1e-9);
    expect(motion.mean.slice(4)).toEqual([0, 0, 0, 0]);
    expectBoxNear(boxOfMotion(predictBoxMotion(motion, 5)), [10, 20, 70, 180], 1e-9);
  });

  it('should learn a steady walk and predict where the person will be a second later', () => {
    const motion = follow([0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0]);
    expect(motion.mean[4]).toBeCloseTo(80, 0);
    expectBoxNear(boxOfMotion(predictBoxMotion(motion, 3)), walkerAt(3), 6);
  });

  it('should measure velocity per second whatever the frame rate', () => {
    const atTwoFps = follow([0, 0.5, 1, 1.5, 2, 2.5, 3]);
    const atTenFps = follow(Array.from({ length: 31 }, (_, i) => i / 10));
    expect(atTwoFps.mean[4]).toBeCloseTo(80, 0);
    expect(atTenFps.mean[4]).toBeCloseTo(80, 0);
  });

  it('should follow uneven gaps between frames', () => {
    const motion = follow([0, 0.1, 0.4, 0.5, 1.1, 1.3, 2.0, 2.2]);
    expectBoxNear(boxOfMotion(predictBoxMotion(motion, 2.8)), walkerAt(2.8), 6);
  });

  it('should grow more uncertain the longer it predicts without a measurement', () => {
    const motion = follow([0, 0.2, 0.4]);
    const variance = (m: BoxMotion) => motionVariance(m, 0);
    const soon = predictBoxMotion(motion, 0.6);
    const later = predictBoxMotion(motion, 1.4);
    expect(variance(soon)).toBeGreaterThan(variance(motion));
    expect(variance(later)).toBeGreaterThan(variance(soon));
  });

  it('should keep the box size while holding it, and keep moving the box', () => {
    const growing = (t: number): Box => [100 + 50 * t, 200, 160 + 50 * t + 10 * t, 360 + 40 * t];
    let motion = startBoxMotion(growing(0), 0);
    for (const t of [0.2, 0.4, 0.6, 0.8, 1.0]) {
      motion = correctBoxMotion(predictBoxMotion(motion, t), growing(t));
    }
    const held = boxOfMotion(predictBoxMotion(motion, 2, true));
    const free = boxOfMotion(predictBoxMotion(motion, 2));
    expect(held[3] - held[1]).toBeCloseTo(motion.mean[3], 6);
    expect(free[3] - free[1]).toBeGreaterThan(held[3] - held[1] + 20);
    expect(held[0]).toBeGreaterThan(boxOfMotion(motion)[0] + 30);
  });

  it('should refuse to predict backwards in time', () => {
    expect(() => predictBoxMotion(startBoxMotion([0, 0, 10, 20], 2), 1)).toThrow(/backwards/);
  });
});
