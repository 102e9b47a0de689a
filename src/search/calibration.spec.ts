import { describe, expect, it } from 'vitest';
import { selectModel } from '../vision/models/manifest.ts';
import { calibratedScore, loadCalibration, similarityForScore } from './calibration.ts';

describe('calibratedScore', () => {
  for (const kind of ['face', 'body'] as const) {
    describe(`${kind} calibration`, () => {
      const calibration = loadCalibration(kind);

      it('should rise with similarity and stay within 0..1', () => {
        let previous = -Infinity;
        for (let similarity = -1; similarity <= 1; similarity += 0.01) {
          const score = calibratedScore(similarity, calibration);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
          expect(score).toBeGreaterThanOrEqual(previous);
          previous = score;
        }
        expect(calibratedScore(1, calibration)).toBeGreaterThan(calibratedScore(0, calibration));
      });

      it('should hold for the default embedding model (else rerun bench/score-calibration.ts)', () => {
        const task = kind === 'face' ? 'face-embedder' : 'body-embedder';
        expect(calibration.model).toBe(selectModel(task).id);
      });

      it('should map the default minimum score to its documented similarity', () => {
        const { defaultMinScore, defaultMinSimilarity } = calibration;
        expect(similarityForScore(defaultMinScore, calibration)).toBeCloseTo(
          defaultMinSimilarity,
          5,
        );
        expect(calibratedScore(defaultMinSimilarity, calibration)).toBeCloseTo(defaultMinScore, 5);
      });
    });
  }

  it('should hold body search to a stricter similarity than its score alone suggests', () => {
    const body = loadCalibration('body');
    expect(body.defaultMinScore).toBeGreaterThanOrEqual(loadCalibration('face').defaultMinScore);
  });
});
