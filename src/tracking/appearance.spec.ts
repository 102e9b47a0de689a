import { describe, expect, it } from 'vitest';
import { blendAppearance, cosineDistance } from './appearance.ts';

const unit = (values: number[]) => {
  const norm = Math.hypot(...values);
  return Float32Array.from(values.map((v) => v / norm));
};

describe(cosineDistance.name, () => {
  it('should be 0 for the same direction and 1 for orthogonal ones', () => {
    expect(cosineDistance(unit([1, 2]), unit([2, 4]))).toBeCloseTo(0, 6);
    expect(cosineDistance(unit([1, 0]), unit([0, 3]))).toBeCloseTo(1, 6);
  });
});

describe(blendAppearance.name, () => {
  it('should start from the first embedding seen', () => {
    expect([...blendAppearance(undefined, unit([0, 1]), 0.9)]).toEqual([0, 1]);
  });

  it('should move a little towards a new embedding and stay L2-normalised', () => {
    const blended = blendAppearance(unit([1, 0]), unit([0, 1]), 0.9);

    expect(Math.hypot(...blended)).toBeCloseTo(1, 6);
    expect(blended[0]).toBeGreaterThan(0.99);
    expect(blended[1]).toBeGreaterThan(0.1);
  });
});
