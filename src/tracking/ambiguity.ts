import { iou, type Box } from '../geometry/box.ts';

/**
 * Where a tracker's association is open to doubt, so that an appearance cue is worth its cost.
 * Detections and predicted track boxes are compared; `usable` says which detections count.
 */

/**
 * For each usable detection, whether the association could give it to either of two tracks or
 * one of its tracks to another detection: pairs overlapping by `minIou` or more form a graph,
 * and a detection is contested when it or a track it overlaps has two such pairs or more.
 */
export function contestedDetections(
  boxes: Box[],
  usable: boolean[],
  predicted: Box[],
  minIou: number,
) {
  const pairs = boxes.map((box, i) =>
    predicted.map((other) => usable[i] && iou(box, other) >= minIou),
  );
  const tracksOf = pairs.map((row) => row.filter(Boolean).length);
  const detectionsOf = predicted.map((_, k) => pairs.filter((row) => row[k]).length);
  return pairs.map(
    (row, i) => tracksOf[i] >= 2 || row.some((paired, k) => paired && detectionsOf[k] >= 2),
  );
}

/**
 * For each usable detection, whether it comes within `margin` (a fraction of box sizes, as
 * `enlarge`) of another usable detection or of two predicted boxes or more.
 */
export function crowdedDetections(
  boxes: Box[],
  usable: boolean[],
  predicted: Box[],
  margin: number,
) {
  const grown = boxes.map((box) => enlarge(box, margin));
  const grownPredicted = predicted.map((box) => enlarge(box, margin));
  const meet = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  return grown.map((box, i) => {
    if (!usable[i]) return false;
    if (grown.some((other, j) => j !== i && usable[j] && meet(box, other))) return true;
    return grownPredicted.filter((other) => meet(box, other)).length >= 2;
  });
}

/** Index of the predicted box that overlaps `box` most, or -1 when none overlaps it. */
export function mostOverlapping(box: Box, predicted: Box[]): number {
  let best = -1;
  let bestIou = 0;
  predicted.forEach((other, k) => {
    const overlap = iou(box, other);
    if (overlap > bestIou) [best, bestIou] = [k, overlap];
  });
  return best;
}

/** The box grown by `fraction` of its width and height on each side. */
export function enlarge(box: Box, fraction: number): Box {
  const dx = (box[2] - box[0]) * fraction;
  const dy = (box[3] - box[1]) * fraction;
  return [box[0] - dx, box[1] - dy, box[2] + dx, box[3] + dy];
}
