import type { Box } from '../geometry/box.ts';
import type { ByteTracker, TrackedPerson } from './byte-tracker.ts';
import type { GroundTruthBox } from './track-evaluation.ts';

/**
 * People walking through a scene in straight lines, as a person detector would report them:
 * jittered boxes, scores that drop when someone is hidden, detections in no particular order.
 * For the tracker's tests and benchmarks.
 */
export interface SyntheticPerson {
  gtId: number;
  /** The box at time `enter`. */
  box: Box;
  /** Pixels per second. */
  velocity: [number, number];
  /** Seconds: the person is in the scene from `enter` to `leave`, inclusive. */
  enter: number;
  leave: number;
  /** Detector score at time t, or null where the detector misses the person. Default 0.85. */
  score?: (t: number) => number | null;
}

/** A detection with no person behind it. */
export interface SyntheticFalsePositive {
  t: number;
  box: Box;
  score: number;
}

export interface SyntheticDetection {
  box: Box;
  score: number;
  /** The person detected, null for a false positive. */
  gtId: number | null;
}

export interface SyntheticFrame {
  index: number;
  t: number;
  detections: SyntheticDetection[];
}

export interface SceneOptions {
  people: SyntheticPerson[];
  /** Seconds of each sampled frame, increasing. */
  times: number[];
  falsePositives?: SyntheticFalsePositive[];
  /** Standard deviation of each box edge's noise, as a fraction of the box height. Default 0.02. */
  jitter?: number;
  seed?: number;
}

/** Frame times from 0 to `duration` seconds at `fps`. */
export function sampleTimes(fps: number, duration: number): number[] {
  const count = Math.floor(duration * fps + 1e-9) + 1;
  return Array.from({ length: count }, (_, i) => round(i / fps));
}

export function syntheticScene(options: SceneOptions): SyntheticFrame[] {
  const random = seededRandom(options.seed ?? 1);
  const jitter = options.jitter ?? 0.02;

  return options.times.map((t, index) => {
    const detections: SyntheticDetection[] = [];
    for (const person of options.people) {
      if (t < person.enter - 1e-9 || t > person.leave + 1e-9) continue;
      const score = person.score ? person.score(t) : 0.85;
      if (score === null) continue;
      const box = jitterBox(personBox(person, t), jitter, random);
      detections.push({ box, score, gtId: person.gtId });
    }
    for (const fp of options.falsePositives ?? []) {
      if (Math.abs(fp.t - t) < 1e-9) detections.push({ box: fp.box, score: fp.score, gtId: null });
    }
    return { index, t, detections: shuffle(detections, random) };
  });
}

/** Where a person really is at time t, without detector noise. */
export function personBox(person: SyntheticPerson, t: number): Box {
  const dx = person.velocity[0] * (t - person.enter);
  const dy = person.velocity[1] * (t - person.enter);
  const [x1, y1, x2, y2] = person.box;
  return [x1 + dx, y1 + dy, x2 + dx, y2 + dy];
}

/** Ground truth for `evaluateTracks`: the true box of every person the detector reported. */
export function groundTruthOf(frames: SyntheticFrame[], people: SyntheticPerson[]) {
  const truth = new Map<number, GroundTruthBox[]>();
  for (const frame of frames) {
    const present = people.filter((p) => frame.t >= p.enter - 1e-9 && frame.t <= p.leave + 1e-9);
    const detected = present.filter((p) => frame.detections.some((d) => d.gtId === p.gtId));
    truth.set(
      frame.index,
      detected.map((p) => ({ gtId: p.gtId, box: personBox(p, frame.t) })),
    );
  }
  return truth;
}

/** Feeds every frame to the tracker; returns its final tracks and what `update` returned. */
export function runTracker(
  tracker: ByteTracker,
  frames: SyntheticFrame[],
): { tracks: TrackedPerson[]; assigned: (number | null)[][] } {
  const assigned = frames.map((frame) => tracker.update(frame, frame.detections));
  return { tracks: tracker.finish(), assigned };
}

function jitterBox(box: Box, jitter: number, random: () => number): Box {
  const sd = jitter * (box[3] - box[1]);
  return box.map((v) => v + gaussian(random) * sd) as Box;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

/** mulberry32: a small deterministic generator, so every run of a test sees the same scene. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

function round(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
