import type { Frame } from '../media/frame.ts';
import type { TrackerDetection } from '../tracking/byte-tracker.ts';
import type { BodyEmbedder } from '../vision/body-embedder.ts';
import type { ShotTracker } from './shot-tracker.ts';

/**
 * The frame's detections, with a body embedding on those the tracker finds ambiguous (people
 * crossing or side by side) and on no other: most frames of sparse footage need none.
 */
export async function withAmbiguousAppearance(options: {
  frame: Frame;
  detections: TrackerDetection[];
  tracker: ShotTracker;
  bodyEmbedder: BodyEmbedder;
}): Promise<TrackerDetection[]> {
  const { frame, detections } = options;
  const wanted = options.tracker.needsAppearance(frame.t, detections);
  const indices = wanted.flatMap((needed, i) => (needed ? [i] : []));
  if (indices.length === 0) return detections;

  const embeddings = await options.bodyEmbedder.embed(
    frame,
    indices.map((i) => detections[i].box),
  );
  const result = [...detections];
  indices.forEach((i, k) => (result[i] = { ...detections[i], appearance: embeddings[k] }));
  return result;
}
