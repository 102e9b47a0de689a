import { describe, expect, it } from 'vitest';
import type { Box } from '../geometry/box.ts';
import { ByteTracker, type ClosedTrack, type TrackerOptions } from './byte-tracker.ts';
import {
  groundTruthOf,
  runTracker,
  sampleTimes,
  syntheticScene,
  type SceneOptions,
  type SyntheticPerson,
} from './synthetic-scene.ts';
import { evaluateTracks } from './track-evaluation.ts';

/** A 60×160 person walking left to right at 60 px/s, about 0.4 body heights per second. */
function walker(overrides: Partial<SyntheticPerson> = {}): SyntheticPerson {
  return { gtId: 1, box: [40, 200, 100, 360], velocity: [60, 0], enter: 1, leave: 7, ...overrides };
}

/** Scores of 0.85, and no detection while hidden from `from` to `to` seconds inclusive. */
function hiddenBetween(from: number, to: number): (t: number) => number | null {
  return (t) => (t >= from - 1e-9 && t <= to + 1e-9 ? null : 0.85);
}

function track(scene: SceneOptions, options?: Partial<TrackerOptions>) {
  const frames = syntheticScene(scene);
  const { tracks, assigned } = runTracker(new ByteTracker(options), frames);
  const score = evaluateTracks(groundTruthOf(frames, scene.people), tracks);
  return { frames, tracks, assigned, score };
}

describe(ByteTracker.name, () => {
  it('should give one person walking through the scene one track with their start and end', () => {
    const { tracks, score } = track({ people: [walker()], times: sampleTimes(5, 8) });

    expect(tracks).toHaveLength(1);
    expect(tracks[0]).toMatchObject({ id: 1, start: 1, end: 7 });
    expect(tracks[0].observations).toHaveLength(31);
    expect(score).toEqual({ idSwitches: 0, matched: 31, missed: 0, falsePositives: 0 });
  });

  it('should keep both ids when two people cross, the one behind hidden for a moment', () => {
    // A walks right in front; B, further away (smaller, higher up), walks left behind A. Their
    // boxes overlap from about t=3.4 to t=4.6; B scores low while half hidden, then vanishes.
    // B's first low-score boxes after it reappears are not taken: a lost track needs a high one.
    const a = walker({ gtId: 1, box: [40, 200, 100, 360], velocity: [70, 0], enter: 0, leave: 8 });
    const b: SyntheticPerson = {
      gtId: 2,
      box: [600, 190, 650, 323],
      velocity: [-70, 0],
      enter: 0,
      leave: 8,
      score: (t) => (Math.abs(t - 4) < 0.25 ? null : Math.abs(t - 4) < 0.65 ? 0.35 : 0.8),
    };
    const { tracks, score } = track({ people: [a, b], times: sampleTimes(5, 8) });

    expect(tracks.map(({ start, end }) => ({ start, end }))).toEqual([
      { start: 0, end: 8 },
      { start: 0, end: 8 },
    ]);
    expect(score.idSwitches).toBe(0);
  });

  it('should keep both ids when two people of the same size cross in plain view', () => {
    // Their boxes overlap by an IoU of up to 0.68 (30 px apart vertically). Boxes overlapping
    // much more would be one box after the detector's non-maximum suppression.
    const a = walker({ gtId: 1, box: [40, 200, 100, 360], velocity: [80, 0], enter: 0, leave: 8 });
    const b = walker({
      gtId: 2,
      box: [680, 230, 740, 390],
      velocity: [-80, 0],
      enter: 0,
      leave: 8,
    });
    const { tracks, score } = track({ people: [a, b], times: sampleTimes(5, 8), seed: 3 });

    expect(tracks).toHaveLength(2);
    expect(score.idSwitches).toBe(0);
  });

  it('should keep the id of a person hidden for 0.8 s', () => {
    // Last seen at 3.0, hidden at 3.2-4.0 (0.8 s), seen again at 4.2.
    const person = walker({ score: hiddenBetween(3.1, 4.1) });
    const { tracks, score } = track({ people: [person], times: sampleTimes(5, 8) });

    expect(tracks).toHaveLength(1);
    expect(tracks[0]).toMatchObject({ start: 1, end: 7 });
    expect(score.idSwitches).toBe(0);
  });

  it('should start a new track for a person hidden for 3 s', () => {
    const person = walker({ leave: 9, score: hiddenBetween(3.1, 6.1) });
    const { tracks, score } = track({ people: [person], times: sampleTimes(5, 10) });

    expect(tracks.map(({ id, start, end }) => ({ id, start, end }))).toEqual([
      { id: 1, start: 1, end: 3 },
      { id: 2, start: 6.2, end: 9 },
    ]);
    expect(score.idSwitches).toBe(1);
  });

  it('should make no track of a false positive seen in one frame', () => {
    const falsePositives = [
      { t: 2, box: [300, 100, 340, 200] as const, score: 0.9 },
      { t: 2.6, box: [400, 100, 440, 200] as const, score: 0.95 },
    ].map((fp) => ({ ...fp, box: [...fp.box] as [number, number, number, number] }));
    const { tracks, score } = track({
      people: [walker()],
      times: sampleTimes(5, 8),
      falsePositives,
    });

    expect(tracks).toHaveLength(1);
    expect(score.falsePositives).toBe(0);
  });

  it('should continue a track through low scores while the person is half hidden', () => {
    const halfHidden = (t: number) => (t > 2.9 && t < 4.1 ? 0.3 : 0.85);
    const { tracks } = track({ people: [walker({ score: halfHidden })], times: sampleTimes(5, 8) });

    expect(tracks).toHaveLength(1);
    expect(tracks[0].observations).toHaveLength(31);
    expect(tracks[0].observations.filter((o) => o.score < 0.5)).toHaveLength(6);
  });

  it('should never start a track from low scores', () => {
    const faint = walker({ score: () => 0.4 });
    const { tracks, assigned } = track({ people: [faint], times: sampleTimes(5, 8) });

    expect(tracks).toEqual([]);
    expect(assigned.flat().every((id) => id === null)).toBe(true);
  });

  it('should ignore detections below the low score', () => {
    const halfHidden = (t: number) => (t > 2.9 && t < 4.1 ? 0.05 : 0.85);
    const { tracks } = track({ people: [walker({ score: halfHidden })], times: sampleTimes(5, 8) });

    expect(tracks).toHaveLength(1);
    expect(tracks[0].observations).toHaveLength(25);
  });

  it('should follow a fast person across uneven gaps between frames', () => {
    // At 150 px/s a 60 px wide box does not overlap itself 0.4 s later: only a prediction made
    // with the real time step finds the person again.
    const times = [0, 0.2, 0.4, 0.6, 0.8, 1.2, 1.3, 1.4, 1.9, 2.0, 2.2, 2.7, 2.8, 3.0];
    const fast = walker({ velocity: [150, 20], enter: 0, leave: 3 });
    const { tracks, score } = track({ people: [fast], times });

    expect(tracks).toHaveLength(1);
    expect(tracks[0].observations).toHaveLength(times.length);
    expect(score.idSwitches).toBe(0);
  });

  it('should track someone running across the view from their first frame', () => {
    // 300 px/s, about 3 m/s: the box moves a whole box width between frames at 5 fps.
    const runner = walker({ velocity: [300, 0], enter: 0, leave: 3 });
    const { tracks } = track({ people: [runner], times: sampleTimes(5, 3) });

    expect(tracks).toHaveLength(1);
    expect(tracks[0].observations).toHaveLength(16);
  });

  it('should track someone walking at 2 frames per second', () => {
    const { tracks, score } = track({
      people: [walker({ velocity: [120, 0] })],
      times: sampleTimes(2, 8),
    });

    expect(tracks).toHaveLength(1);
    expect(tracks[0]).toMatchObject({ start: 1, end: 7 });
    expect(score.idSwitches).toBe(0);
  });

  it('should return, for each detection, the id of the track that took it', () => {
    const people = [
      walker({ gtId: 1 }),
      walker({ gtId: 2, box: [500, 200, 560, 360], velocity: [-60, 0] }),
    ];
    const { frames, tracks, assigned } = track({ people, times: sampleTimes(5, 8) });

    for (const person of tracks) {
      for (const o of person.observations) {
        expect(assigned[o.frameIndex][o.detectionIndex]).toBe(person.provisionalId);
        expect(frames[o.frameIndex].detections[o.detectionIndex].box).toEqual(o.box);
      }
    }
    const gtOfTrack = tracks.map((person) => {
      const o = person.observations[0];
      return frames[o.frameIndex].detections[o.detectionIndex].gtId;
    });
    expect(gtOfTrack.sort()).toEqual([1, 2]);
  });

  it('should number final tracks 1, 2, 3… by first appearance', () => {
    const falsePositives = [
      { t: 0, box: [300, 50, 330, 130] as [number, number, number, number], score: 0.9 },
    ];
    const people = [
      walker({ gtId: 1, box: [40, 250, 100, 410], enter: 0.4 }),
      walker({ gtId: 2, box: [500, 100, 550, 230], velocity: [-40, 0], enter: 1.2 }),
    ];
    const { tracks } = track({ people, times: sampleTimes(5, 8), falsePositives });

    expect(tracks.map(({ id, start }) => ({ id, start }))).toEqual([
      { id: 1, start: 0.4 },
      { id: 2, start: 1.2 },
    ]);
    expect(tracks[0].provisionalId).toBe(2);
  });

  it('should confirm a new track at once when asked for one frame', () => {
    const blip = walker({ enter: 2, leave: 2 });
    const { tracks } = track({ people: [blip], times: sampleTimes(5, 4) }, { confirmFrames: 1 });

    expect(tracks).toHaveLength(1);
    expect(tracks[0]).toMatchObject({ start: 2, end: 2 });
  });

  it('should refuse frames out of time order', () => {
    const tracker = new ByteTracker();
    tracker.update({ index: 0, t: 1 }, []);
    expect(() => tracker.update({ index: 1, t: 1 }, [])).toThrow(/time order/);
  });
  it('should close a track once unseen too long, drop one-frame noise, and close the rest at finish', () => {
    const tracker = new ByteTracker({ maxLostSeconds: 1 });
    const person = { box: [100, 50, 160, 210] as Box, score: 0.9 };
    const noise = { box: [400, 50, 460, 210] as Box, score: 0.9 };
    const stayer = { box: [250, 50, 310, 210] as Box, score: 0.9 };
    const closedAt: Record<number, ClosedTrack[]> = {};
    for (let index = 0; index <= 15; index++) {
      const detections = [stayer, ...(index < 5 ? [person] : []), ...(index === 2 ? [noise] : [])];
      tracker.update({ index, t: index / 5 }, detections);
      closedAt[index] = tracker.takeClosed();
    }
    tracker.finish();

    const [stayerId, personId, noiseId] = [1, 2, 3];
    expect(closedAt[3]).toEqual([{ provisionalId: noiseId, confirmed: false }]);
    // Last seen at 0.8 s; 1 s later it may still be found, after that it ends.
    expect(closedAt[9]).toEqual([]);
    expect(closedAt[10]).toEqual([{ provisionalId: personId, confirmed: true }]);
    expect(tracker.takeClosed()).toEqual([{ provisionalId: stayerId, confirmed: true }]);
  });
});
