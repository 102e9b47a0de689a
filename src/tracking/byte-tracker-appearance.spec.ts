import { describe, expect, it } from 'vitest';
import { ByteTracker, type TrackerDetection, type TrackerOptions } from './byte-tracker.ts';
import {
  sampleTimes,
  syntheticScene,
  type SyntheticFrame,
  type SyntheticPerson,
} from './synthetic-scene.ts';

/** A body embedding per person: unrelated directions, as two differently dressed people give. */
function appearanceOf(gtId: number | null): Float32Array {
  const embedding = new Float32Array(8);
  embedding[(gtId ?? 7) % 8] = 1;
  return embedding;
}

/** Feeds the frames, giving an appearance only to the detections the tracker asks about. */
function runWithAppearance(frames: SyntheticFrame[], options?: Partial<TrackerOptions>) {
  const tracker = new ByteTracker(options);
  let described = 0;
  const idsOf = new Map<number | null, Set<number | null>>();
  for (const frame of frames) {
    const wanted = tracker.needsAppearance(frame.t, frame.detections);
    const detections: TrackerDetection[] = frame.detections.map((d, i) =>
      wanted[i] ? { ...d, appearance: appearanceOf(d.gtId) } : d,
    );
    described += wanted.filter(Boolean).length;
    tracker.update(frame, detections).forEach((id, i) => {
      const gtId = frame.detections[i].gtId;
      idsOf.set(gtId, (idsOf.get(gtId) ?? new Set()).add(id));
    });
  }
  return { tracks: tracker.finish(), described, idsOf };
}

/**
 * Two people walk towards each other until their boxes are one, and each walks back the
 * way they came: constant-velocity motion expects them to pass, so motion alone swaps their ids.
 */
const meetAndTurnBack: SyntheticPerson[] = [
  { gtId: 1, box: [200, 200, 260, 360], velocity: [50, 0], enter: 0, leave: 2 },
  { gtId: 1, box: [290, 200, 350, 360], velocity: [-50, 0], enter: 2.2, leave: 5 },
  { gtId: 2, box: [400, 200, 460, 360], velocity: [-50, 0], enter: 0, leave: 2 },
  { gtId: 2, box: [310, 200, 370, 360], velocity: [50, 0], enter: 2.2, leave: 5 },
];

describe('ByteTracker with appearance', () => {
  it('should keep both ids when two people meet and turn back, told apart by appearance', () => {
    const frames = syntheticScene({ people: meetAndTurnBack, times: sampleTimes(5, 5) });
    const withoutAppearance = new ByteTracker();
    const motionIds = frames.map((frame) => withoutAppearance.update(frame, frame.detections));
    const { idsOf } = runWithAppearance(frames);

    const firstOfPerson1 = motionIds[0][frames[0].detections.findIndex((d) => d.gtId === 1)];
    const lastOfPerson1 = motionIds[25][frames[25].detections.findIndex((d) => d.gtId === 1)];
    expect(lastOfPerson1).not.toBe(firstOfPerson1);
    expect([...idsOf.get(1)!]).toHaveLength(1);
    expect([...idsOf.get(2)!]).toHaveLength(1);
    expect(idsOf.get(1)).not.toEqual(idsOf.get(2));
  });

  it('should ask for no appearance when people are far apart', () => {
    const people: SyntheticPerson[] = [
      { gtId: 1, box: [40, 200, 100, 360], velocity: [60, 0], enter: 0, leave: 4 },
      { gtId: 2, box: [600, 200, 660, 360], velocity: [-20, 0], enter: 0, leave: 4 },
    ];
    const frames = syntheticScene({ people, times: sampleTimes(5, 4) });

    expect(runWithAppearance(frames).described).toBe(0);
  });

  it('should ask for the appearance of detections that touch each other', () => {
    const tracker = new ByteTracker();
    const detections = [
      { box: [100, 200, 160, 360], score: 0.9 },
      { box: [150, 200, 210, 360], score: 0.9 },
      { box: [400, 200, 460, 360], score: 0.9 },
    ] satisfies TrackerDetection[];

    expect(tracker.needsAppearance(0, detections)).toEqual([true, true, false]);
  });

  it('should refuse a pair whose appearances differ beyond the gate, whatever the boxes', () => {
    const tracker = new ByteTracker({ confirmFrames: 1 });
    const box = [100, 200, 160, 360] satisfies TrackerDetection['box'];
    const [first] = tracker.update({ index: 0, t: 0 }, [
      { box, score: 0.9, appearance: appearanceOf(1) },
    ]);
    const [second] = tracker.update({ index: 1, t: 0.2 }, [
      { box, score: 0.9, appearance: appearanceOf(2) },
    ]);

    expect(second).not.toBe(first);
  });
});
