import type { Box } from '../geometry/box.ts';
import { invertMatrix } from './invert-matrix.ts';

/**
 * A Kalman filter with constant velocity on a box's centre x, centre y, aspect ratio (width over
 * height) and height, as SORT and ByteTrack model a person. Velocities are per second, not per
 * frame, so frames may come at any rate and with uneven gaps.
 *
 * Noise is proportional to the box height: a person near the camera moves more pixels per second
 * and is detected with more pixels of jitter than a person far away.
 */
export interface BoxMotion {
  /** [cx, cy, aspect, height, vx, vy, vAspect, vHeight], pixels and pixels per second. */
  mean: number[];
  /** 8×8, row-major. */
  covariance: Float64Array;
  /** Seconds: the time the state describes. */
  t: number;
}

const SIZE = 8;
/** The terms a box measures: centre x, centre y, aspect ratio, height. */
const OBSERVED = [0, 1, 2, 3];

/** Standard deviations as fractions of the box height (aspect terms are absolute). */
const measurementStd = { position: 1 / 20, aspect: 0.1 };
const initialStd = { position: 2 / 20, aspect: 0.1, velocity: 1, aspectVelocity: 0.1 };
// Per square root of a second: the uncertainty a track gains while time passes. A walking
// person changes speed by up to about one body height per second within a second.
const processStd = { position: 0.25, aspect: 0.05, velocity: 1, aspectVelocity: 0.01 };

export function startBoxMotion(box: Box, t: number): BoxMotion {
  const measured = boxToState(box);
  const covariance = new Float64Array(SIZE * SIZE);
  stateStd(initialStd, measured[3]).forEach((s, i) => (covariance[i * SIZE + i] = s * s));
  return { mean: [...measured, 0, 0, 0, 0], covariance, t };
}

/**
 * The state moved forward to time `t`. `holdSize` stops the height from changing, for a track
 * that is not seen: a box growing or shrinking on its own while hidden is never right for long.
 */
export function predictBoxMotion(motion: BoxMotion, t: number, holdSize = false): BoxMotion {
  const dt = t - motion.t;
  if (dt < 0) throw new Error(`Cannot predict a box motion backwards from t=${motion.t} to t=${t}`);

  const velocity = motion.mean.slice(4);
  if (holdSize) velocity[3] = 0;
  const mean = [
    ...motion.mean.slice(0, 4).map((value, i) => value + velocity[i] * dt),
    ...velocity,
  ];

  // F·P·Fᵀ for F = [[I, dt·I], [0, I]]: each position row and column gains dt times its velocity.
  const p = motion.covariance;
  const covariance = new Float64Array(SIZE * SIZE);
  for (let i = 0; i < SIZE; i++) {
    for (let j = 0; j < SIZE; j++) {
      let value = p[i * SIZE + j];
      if (i < 4) value += dt * p[(i + 4) * SIZE + j];
      if (j < 4) value += dt * p[i * SIZE + j + 4];
      if (i < 4 && j < 4) value += dt * dt * p[(i + 4) * SIZE + j + 4];
      covariance[i * SIZE + j] = value;
    }
  }

  stateStd(processStd, motion.mean[3]).forEach((s, i) => (covariance[i * SIZE + i] += s * s * dt));
  return { mean, covariance, t };
}

/** The state corrected by a box measured at the state's time (the first four terms observed). */
export function correctBoxMotion(motion: BoxMotion, box: Box): BoxMotion {
  const measured = boxToState(box);
  const p = motion.covariance;
  const position = measurementStd.position * motion.mean[3];
  const noise = [position, position, measurementStd.aspect, position];

  const innovation = measured.map((value, i) => value - motion.mean[i]);
  const innovationCovariance = OBSERVED.map((i) =>
    OBSERVED.map((j) => p[i * SIZE + j] + (i === j ? noise[i] ** 2 : 0)),
  );
  const inverse = invertMatrix(innovationCovariance);
  const gain = Array.from({ length: SIZE }, (_, i) =>
    OBSERVED.map((k) => OBSERVED.reduce((sum, l) => sum + p[i * SIZE + l] * inverse[l][k], 0)),
  );

  const mean = motion.mean.map((value, i) => value + dot(gain[i], innovation));
  // P − K·H·P, where H·P is the first four rows of P.
  const covariance = new Float64Array(SIZE * SIZE);
  for (let i = 0; i < SIZE; i++) {
    for (let j = 0; j < SIZE; j++) {
      let value = p[i * SIZE + j];
      for (let k = 0; k < 4; k++) value -= gain[i][k] * p[k * SIZE + j];
      covariance[i * SIZE + j] = value;
    }
  }
  return { mean, covariance, t: motion.t };
}

/** Variance of one state term, e.g. 0 for the centre x. */
export function motionVariance(motion: BoxMotion, term: number): number {
  return motion.covariance[term * SIZE + term];
}

/** The box the state stands for; height and width never drop below one pixel. */
export function boxOfMotion(motion: BoxMotion): Box {
  const [cx, cy, aspect, height] = motion.mean;
  const h = Math.max(height, 1);
  const w = Math.max(aspect * h, 1);
  return [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
}

/** The eight standard deviations of a state for a box of height `h`. */
function stateStd(
  std: { position: number; aspect: number; velocity: number; aspectVelocity: number },
  h: number,
): number[] {
  const p = std.position * h;
  const v = std.velocity * h;
  return [p, p, std.aspect, p, v, v, std.aspectVelocity, v];
}

function boxToState(box: Box): number[] {
  const w = box[2] - box[0];
  const h = box[3] - box[1];
  return [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2, w / h, h];
}

function dot(a: number[], b: number[]): number {
  return a.reduce((sum, value, i) => sum + value * b[i], 0);
}
