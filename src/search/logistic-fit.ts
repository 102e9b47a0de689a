/** score = 1 / (1 + exp(−(slope · similarity + intercept))). */
export interface LogisticParameters {
  slope: number;
  intercept: number;
}

export interface LogisticFitOptions {
  /** Similarities of pairs showing the same person. */
  same: readonly number[];
  /** Similarities of pairs showing different persons. */
  different: readonly number[];
  /**
   * Share of same-person pairs the fitted score assumes. Each class is weighted to this share
   * whatever its count, so that a set with ten times more different pairs does not pull the
   * score down.
   */
  prior: number;
}

const MAX_ITERATIONS = 100;
const TOLERANCE = 1e-10;

/**
 * Platt scaling: the logistic curve of similarity that best predicts "same person" (maximum
 * weighted likelihood), fitted by Newton's method on the two parameters (Platt, 1999).
 */
export function fitLogistic(options: LogisticFitOptions): LogisticParameters {
  const { same, different, prior } = options;
  if (same.length === 0 || different.length === 0) {
    throw new RangeError('A logistic fit needs both same-person and different-person pairs.');
  }
  // Platt's smoothed targets keep the fit finite when the two classes do not overlap.
  const sameTarget = (same.length + 1) / (same.length + 2);
  const differentTarget = 1 / (different.length + 2);
  const samples = [
    ...same.map((x) => ({ x, y: sameTarget, w: prior / same.length })),
    ...different.map((x) => ({ x, y: differentTarget, w: (1 - prior) / different.length })),
  ];

  let slope = 0;
  let intercept = Math.log(prior / (1 - prior));
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const step = newtonStep(samples, { slope, intercept });
    slope -= step.slope;
    intercept -= step.intercept;
    if (Math.abs(step.slope) + Math.abs(step.intercept) < TOLERANCE) break;
  }
  return { slope, intercept };
}

/** The Hessian⁻¹ · gradient of the weighted negative log-likelihood. */
function newtonStep(
  samples: readonly { x: number; y: number; w: number }[],
  at: LogisticParameters,
): LogisticParameters {
  let gSlope = 0;
  let gIntercept = 0;
  let hSS = 0;
  let hSI = 0;
  let hII = 0;
  for (const { x, y, w } of samples) {
    const p = logistic(at.slope * x + at.intercept);
    const r = w * (p - y);
    const v = w * p * (1 - p);
    gSlope += r * x;
    gIntercept += r;
    hSS += v * x * x;
    hSI += v * x;
    hII += v;
  }
  const det = hSS * hII - hSI * hSI;
  return {
    slope: (hII * gSlope - hSI * gIntercept) / det,
    intercept: (hSS * gIntercept - hSI * gSlope) / det,
  };
}

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
