import { describe, expect, it } from 'vitest';
import { fitLogistic, logistic } from './logistic-fit.ts';

describe('fitLogistic', () => {
  it('should put the 50% point midway between two classes that do not overlap', () => {
    const same = [0.5, 0.6, 0.7, 0.8, 0.9];
    const different = [-0.1, 0.0, 0.1, 0.2, 0.3];
    const { slope, intercept } = fitLogistic({ same, different, prior: 0.5 });
    expect(slope).toBeGreaterThan(0);
    expect(-intercept / slope).toBeCloseTo(0.4, 6);
  });

  it('should weight each class to the prior whatever its count', () => {
    const same = [0.2, 0.4, 0.5, 0.6, 0.7, 0.9];
    const different = [-0.1, 0.0, 0.1, 0.2, 0.3, 0.5];
    const times = (values: number[], n: number) => Array.from({ length: n }, () => values).flat();
    const few = fitLogistic({ same: times(same, 20), different: times(different, 20), prior: 0.5 });
    const many = fitLogistic({
      same: times(same, 20),
      different: times(different, 500),
      prior: 0.5,
    });
    expect(-many.intercept / many.slope).toBeCloseTo(-few.intercept / few.slope, 2);
  });

  it('should estimate the share of same pairs where the classes overlap', () => {
    // At 0.5, one same pair and one different pair: the fitted score there is near one half.
    const same = [0.3, 0.5, 0.7, 0.9];
    const different = [0.1, 0.3, 0.5, 0.7];
    const { slope, intercept } = fitLogistic({ same, different, prior: 0.5 });
    expect(logistic(slope * 0.5 + intercept)).toBeCloseTo(0.5, 6);
  });
});
