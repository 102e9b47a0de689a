import { describe, expect, it } from 'vitest';
import type { Box } from '../geometry/box.ts';
import { ShotTracker } from './shot-tracker.ts';

const standing: Box = [100, 50, 180, 250];
const person = (box: Box) => ({ box, score: 0.9 });

/** Feeds the same person box at 5 frames per second for `frames` frames, from frame `from`. */
function feed(tracker: ShotTracker, from: number, frames: number, box: Box) {
  const ids: (number | null)[] = [];
  for (let index = from; index < from + frames; index++) {
    ids.push(...tracker.update({ index, t: index / 5 }, [person(box)]));
  }
  return ids;
}

describe(ShotTracker.name, () => {
  it('should end every track at a cut, even where someone stands in the same place after it', () => {
    const tracker = new ShotTracker();
    const before = feed(tracker, 0, 5, standing);
    tracker.cut();
    const after = feed(tracker, 5, 5, standing);

    expect(new Set(before).size).toBe(1);
    expect(new Set(after).size).toBe(1);
    expect(after[0]).not.toBe(before[0]);
    const tracks = tracker.finish();
    expect(tracks.map((track) => [track.start, track.end])).toEqual([
      [0, 0.8],
      [1, 1.8],
    ]);
  });

  it('should number the tracks of all shots 1, 2, 3… by first appearance', () => {
    const tracker = new ShotTracker();
    feed(tracker, 0, 3, standing);
    tracker.cut();
    feed(tracker, 3, 3, [400, 60, 470, 240]);
    tracker.cut();
    const last = feed(tracker, 6, 3, standing);

    const tracks = tracker.finish();
    expect(tracks.map((track) => track.id)).toEqual([1, 2, 3]);
    expect(tracks.map((track) => track.start)).toEqual([0, 0.6, 1.2]);
    expect(tracks[2].provisionalId).toBe(last[0]);
  });
  it('should close the tracks of a shot at its cut, with the ids update gave them', () => {
    const tracker = new ShotTracker();
    const before = feed(tracker, 0, 3, standing);
    expect(tracker.takeClosed()).toEqual([]);

    tracker.cut();
    const after = feed(tracker, 3, 3, standing);

    expect(tracker.takeClosed()).toEqual([{ provisionalId: before[0], confirmed: true }]);
    tracker.finish();
    expect(tracker.takeClosed()).toEqual([{ provisionalId: after[0], confirmed: true }]);
  });
});
