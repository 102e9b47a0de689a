import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/analysis/analyzer.ts';
import type { AnalysisResult } from '../../src/analysis/result.ts';
import { pearson, personCountAt } from '../support/person-counts.ts';
import { readTsv, sharedData } from '../support/shared.ts';

// Hand counts of people per second of opencv's vtest.avi (±1 expected in the labels themselves).
describe('person counts on vtest.avi', () => {
  let analyzer: Analyzer;
  let result: AnalysisResult;
  const labels = readTsv(sharedData('labels', 'opencv_vtest.tsv')).map((row) => ({
    t: Number(row.time_s),
    count: Number(row.approx_person_count),
  }));

  beforeAll(async () => {
    analyzer = await Analyzer.load();
    result = await analyzer.analyze(sharedData('video', 'opencv_vtest.avi'));
  });

  afterAll(async () => {
    await analyzer?.close();
  });

  it('should count within ±1 of the hand count at 90% of the labelled seconds', () => {
    const halfFrame = 0.5 / result.analysisFps;
    const counted = labels.map((label) => personCountAt(result.tracks, label.t, halfFrame));
    const within = labels.filter((label, i) => Math.abs(counted[i] - label.count) <= 1).length;
    const r = pearson(
      counted,
      labels.map((label) => label.count),
    );
    console.info(
      `vtest: ${within}/${labels.length} seconds within ±1 (${((100 * within) / labels.length).toFixed(1)}%),` +
        ` Pearson r = ${r.toFixed(3)}, ${result.tracks.length} tracks`,
    );
    expect(within / labels.length).toBeGreaterThanOrEqual(0.9);
  });

  it('should follow the labelled rise and fall of the count', () => {
    const halfFrame = 0.5 / result.analysisFps;
    const counted = labels.map((label) => personCountAt(result.tracks, label.t, halfFrame));
    const r = pearson(
      counted,
      labels.map((label) => label.count),
    );
    expect(r).toBeGreaterThanOrEqual(0.7);
  });

  it('should report every detection of a track in source pixels, inside the frame', () => {
    for (const track of result.tracks) {
      for (const { box } of track.detections) {
        expect(box[0]).toBeGreaterThanOrEqual(0);
        expect(box[2]).toBeLessThanOrEqual(result.facts.width);
        expect(box[3]).toBeLessThanOrEqual(result.facts.height);
      }
    }
  });
});
