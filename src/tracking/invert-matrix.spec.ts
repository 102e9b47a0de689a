import { describe, expect, it } from 'vitest';
import { invertMatrix } from './invert-matrix.ts';

describe(invertMatrix.name, () => {
  it('should give a matrix whose product with the input is the identity', () => {
    // A zero in the top-left corner needs a row swap.
    const a = [
      [0, 2, 1, 0],
      [3, 1, 0, 2],
      [1, 0, 4, 1],
      [2, 1, 1, 5],
    ];
    const inverse = invertMatrix(a);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const product = a[i].reduce((sum, v, k) => sum + v * inverse[k][j], 0);
        expect(product).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });

  it('should refuse a singular matrix', () => {
    expect(() =>
      invertMatrix([
        [1, 2],
        [2, 4],
      ]),
    ).toThrow(/singular/);
  });
});
