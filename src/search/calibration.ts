import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { EmbeddingKind } from '../vision/detection.ts';
import { logistic } from './logistic-fit.ts';

const calibrationSchema = z.object({
  kind: z.enum(['face', 'body']),
  /** The embedding model whose similarities were fitted (its manifest id). */
  model: z.string(),
  /** score = 1 / (1 + exp(−(slope · similarity + intercept))) */
  slope: z.number().positive(),
  intercept: z.number(),
  /** The share of same-person pairs the score assumes: 0.5 means no prior either way. */
  prior: z.number().gt(0).lt(1),
  /** Calibrated score below which a search answer leaves a moment out, by default. */
  defaultMinScore: z.number().gt(0).lt(1),
  /** The raw cosine similarity that `defaultMinScore` stands for. */
  defaultMinSimilarity: z.number(),
  /** How the fit was made and what the default means; written by bench/score-calibration.ts. */
  source: z.string(),
});

/**
 * How raw cosine similarities of one embedding kind become scores people can read: the
 * estimated probability that two embeddings show the same person, on a 50/50 prior.
 */
export type ScoreCalibration = z.infer<typeof calibrationSchema>;

const loaded = new Map<EmbeddingKind, ScoreCalibration>();

/** The committed calibration of a kind (src/search/calibration-<kind>.json). */
export function loadCalibration(kind: EmbeddingKind): ScoreCalibration {
  let calibration = loaded.get(kind);
  if (!calibration) {
    const file = new URL(`./calibration-${kind}.json`, import.meta.url);
    calibration = calibrationSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    loaded.set(kind, calibration);
  }
  return calibration;
}

/** Raw cosine similarity (−1..1) → calibrated score (0..1), increasing with similarity. */
export function calibratedScore(similarity: number, calibration: ScoreCalibration): number {
  return logistic(calibration.slope * similarity + calibration.intercept);
}

/** The raw similarity a calibrated score stands for (the inverse of calibratedScore). */
export function similarityForScore(score: number, calibration: ScoreCalibration): number {
  if (!(score > 0 && score < 1)) throw new RangeError(`A score must be in (0, 1), not ${score}.`);
  return (Math.log(score / (1 - score)) - calibration.intercept) / calibration.slope;
}

export function parseCalibration(value: unknown): ScoreCalibration {
  return calibrationSchema.parse(value);
}
