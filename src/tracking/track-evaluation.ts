import { iou, type Box } from '../geometry/box.ts';
import type { TrackedPerson } from './byte-tracker.ts';
import { assign } from './linear-assignment.ts';

/** Where a known person really is in one frame. */
export interface GroundTruthBox {
  gtId: number;
  box: Box;
}

/** CLEAR-MOT style counts of how tracks compare with ground truth, over all frames. */
export interface TrackingScore {
  /** Times a ground-truth person was matched to a different track than the last time. */
  idSwitches: number;
  /** Ground-truth boxes matched by a track's box. */
  matched: number;
  /** Ground-truth boxes no track covered. */
  missed: number;
  /** Track boxes that cover no ground-truth box. */
  falsePositives: number;
}

/**
 * Compares tracks with ground truth given per frame index: in each frame, ground-truth boxes
 * and the tracks' boxes are paired by IoU (at least `minIou`), and a person's pairing with a
 * track other than their previous one counts as an id switch.
 */
export function evaluateTracks(
  groundTruth: Map<number, GroundTruthBox[]>,
  tracks: TrackedPerson[],
  minIou = 0.5,
): TrackingScore {
  const trackBoxes = boxesByFrame(tracks);
  const frames = [...new Set([...groundTruth.keys(), ...trackBoxes.keys()])].sort((a, b) => a - b);
  const lastTrackOf = new Map<number, number>();
  const score: TrackingScore = { idSwitches: 0, matched: 0, missed: 0, falsePositives: 0 };

  for (const frame of frames) {
    const truth = groundTruth.get(frame) ?? [];
    const found = trackBoxes.get(frame) ?? [];
    const { matches } = assign({
      rows: truth.length,
      columns: found.length,
      cost: (t, f) => 1 - iou(truth[t].box, found[f].box),
      maxCost: 1 - minIou,
    });

    for (const [t, f] of matches) {
      const previous = lastTrackOf.get(truth[t].gtId);
      if (previous !== undefined && previous !== found[f].trackId) score.idSwitches++;
      lastTrackOf.set(truth[t].gtId, found[f].trackId);
    }
    score.matched += matches.length;
    score.missed += truth.length - matches.length;
    score.falsePositives += found.length - matches.length;
  }
  return score;
}

function boxesByFrame(tracks: TrackedPerson[]): Map<number, { trackId: number; box: Box }[]> {
  const result = new Map<number, { trackId: number; box: Box }[]>();
  for (const track of tracks) {
    for (const { frameIndex, box } of track.observations) {
      const boxes = result.get(frameIndex) ?? [];
      boxes.push({ trackId: track.id, box });
      result.set(frameIndex, boxes);
    }
  }
  return result;
}
