import { describe, expect, it } from 'vitest';
import type { Box } from '../geometry/box.ts';
import type { TrackedPerson } from './byte-tracker.ts';
import { evaluateTracks, type GroundTruthBox } from './track-evaluation.ts';

const left: Box = [0, 0, 50, 100];
const right: Box = [200, 0, 250, 100];

function trackOf(id: number, boxes: [frameIndex: number, box: Box][]): TrackedPerson {
  const observations = boxes.map(([frameIndex, box]) => ({
    frameIndex,
    t: frameIndex / 5,
    box,
    score: 0.9,
    detectionIndex: 0,
  }));
  return { id, provisionalId: id, start: 0, end: 0, observations };
}

function truth(frames: GroundTruthBox[][]): Map<number, GroundTruthBox[]> {
  return new Map(frames.map((boxes, i) => [i, boxes]));
}

describe(evaluateTracks.name, () => {
  const twoPeople = truth(
    [0, 1, 2, 3].map(() => [
      { gtId: 1, box: left },
      { gtId: 2, box: right },
    ]),
  );

  it('should count no id switch when every person keeps one track', () => {
    const tracks = [
      trackOf(
        1,
        [0, 1, 2, 3].map((f) => [f, left]),
      ),
      trackOf(
        2,
        [0, 1, 2, 3].map((f) => [f, right]),
      ),
    ];
    expect(evaluateTracks(twoPeople, tracks)).toEqual({
      idSwitches: 0,
      matched: 8,
      missed: 0,
      falsePositives: 0,
    });
  });

  it('should count a switch for each person whose track changes', () => {
    // The two tracks trade people after frame 1.
    const tracks = [
      trackOf(1, [
        [0, left],
        [1, left],
        [2, right],
        [3, right],
      ]),
      trackOf(2, [
        [0, right],
        [1, right],
        [2, left],
        [3, left],
      ]),
    ];
    expect(evaluateTracks(twoPeople, tracks).idSwitches).toBe(2);
  });

  it('should count misses and boxes that cover no one', () => {
    const tracks = [
      trackOf(1, [
        [0, left],
        [1, [400, 0, 450, 100]],
      ]),
    ];
    expect(
      evaluateTracks(truth([[{ gtId: 1, box: left }], [{ gtId: 1, box: left }]]), tracks),
    ).toEqual({
      idSwitches: 0,
      matched: 1,
      missed: 1,
      falsePositives: 1,
    });
  });
});
