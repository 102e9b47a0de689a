import { describe, expect, it } from 'vitest';
import { cosineSimilarity, meanEmbedding, normalise } from './similarity.ts';

describe('cosineSimilarity', () => {
  it('should be 1 for parallel, 0 for orthogonal and -1 for opposite vectors', () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 3])).toBe(0);
    expect(cosineSimilarity([1, 1], [-1, -1])).toBeCloseTo(-1);
  });

  it('should refuse vectors of different lengths', () => {
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(RangeError);
  });
});

describe('normalise', () => {
  it('should scale a copy to unit length', () => {
    const vector = [3, 4];

    expect(Array.from(normalise(vector))).toEqual([expect.closeTo(0.6), expect.closeTo(0.8)]);
    expect(vector).toEqual([3, 4]);
  });
});

describe('meanEmbedding', () => {
  it('should average embeddings and return a unit vector', () => {
    const mean = meanEmbedding([normalise([1, 0]), normalise([0, 1])]);

    expect(mean[0]).toBeCloseTo(Math.SQRT1_2);
    expect(mean[1]).toBeCloseTo(Math.SQRT1_2);
  });
});
