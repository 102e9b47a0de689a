import { describe, expect, it } from 'vitest';
import type { Box } from '../geometry/box.ts';
import { contestedDetections, crowdedDetections, mostOverlapping } from './ambiguity.ts';

const left: Box = [100, 200, 160, 360];
const right: Box = [400, 200, 460, 360];

describe(contestedDetections.name, () => {
  it('should contest a detection that two predicted boxes overlap', () => {
    const predicted: Box[] = [left, [120, 200, 180, 360]];

    expect(contestedDetections([left, right], [true, true], predicted, 0.2)).toEqual([true, false]);
  });

  it('should contest both detections that one predicted box overlaps', () => {
    const detections: Box[] = [left, [130, 200, 190, 360]];

    expect(contestedDetections(detections, [true, true], [left], 0.2)).toEqual([true, true]);
  });

  it('should leave out detections that are not usable', () => {
    const detections: Box[] = [left, [130, 200, 190, 360]];

    expect(contestedDetections(detections, [true, false], [left], 0.2)).toEqual([false, false]);
  });
});

describe(crowdedDetections.name, () => {
  it('should find detections within the margin of each other, and no lone one', () => {
    const near: Box = [190, 200, 250, 360];

    expect(crowdedDetections([left, near, right], [true, true, true], [], 0.5)).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe(mostOverlapping.name, () => {
  it('should pick the predicted box overlapping most, or -1 for none', () => {
    expect(mostOverlapping(left, [right, [110, 200, 170, 360], [150, 200, 210, 360]])).toBe(1);
    expect(mostOverlapping(left, [right])).toBe(-1);
  });
});
