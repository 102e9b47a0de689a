import { iou, type Box } from '../geometry/box.ts';

/**
 * Greedy non-maximum suppression: keeps the best-scoring box of every group of boxes that
 * overlap by more than `iouThreshold`. Returns the kept items, best score first.
 */
export function nonMaximumSuppression<T extends { box: Box; score: number }>(
  items: readonly T[],
  iouThreshold: number,
): T[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const item of sorted) {
    if (kept.every((other) => iou(other.box, item.box) <= iouThreshold)) kept.push(item);
  }
  return kept;
}
