import { describe, expect, it } from 'vitest';
import type { Box } from '../geometry/box.ts';
import { nonMaximumSuppression } from './nms.ts';

describe('nonMaximumSuppression', () => {
  it('should keep the best of overlapping boxes and every separate box, best first', () => {
    const items: { box: Box; score: number }[] = [
      { box: [0, 0, 10, 10], score: 0.6 },
      { box: [1, 1, 11, 11], score: 0.9 },
      { box: [50, 50, 60, 60], score: 0.3 },
    ];

    const kept = nonMaximumSuppression(items, 0.5);

    expect(kept.map((item) => item.score)).toEqual([0.9, 0.3]);
  });

  it('should keep overlapping boxes whose overlap is at most the threshold', () => {
    const items: { box: Box; score: number }[] = [
      { box: [0, 0, 10, 10], score: 0.9 },
      { box: [5, 0, 15, 10], score: 0.8 },
    ];

    expect(nonMaximumSuppression(items, 0.5)).toHaveLength(2);
    expect(nonMaximumSuppression(items, 0.3)).toHaveLength(1);
  });
});
