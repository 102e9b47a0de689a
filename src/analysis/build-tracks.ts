import { scaleBox } from '../geometry/box.ts';
import { encodeJpeg } from '../media/jpeg.ts';
import type { TrackedPerson } from '../tracking/byte-tracker.ts';
import type { BodyEmbedder } from '../vision/body-embedder.ts';
import type { FaceEmbedder } from '../vision/face-embedder.ts';
import type { TrackEmbedding, TrackResult } from './result.ts';
import type { ShotTracker } from './shot-tracker.ts';
import type { StageTimer } from './stage-timer.ts';
import type { EvidenceStore, TrackEvidence } from './track-evidence.ts';

const THUMBNAIL_MAX_SIDE = 320;

/** What is kept of a track once it takes no more detections: results, no crops. */
export type SettledTrack = Pick<
  TrackResult,
  'faces' | 'thumbnail' | 'faceEmbeddings' | 'bodyEmbeddings'
>;

export interface Embedders {
  faceEmbedder: FaceEmbedder;
  bodyEmbedder: BodyEmbedder;
}

/**
 * Settles the tracks the tracker closed since the last call, so that their crops are let go
 * while the video goes on: a confirmed track's best crops are embedded and its thumbnail
 * encoded; a track never confirmed is forgotten.
 */
export async function settleClosedTracks(options: {
  tracker: ShotTracker;
  evidence: EvidenceStore;
  settled: Map<number, SettledTrack>;
  embedders: Embedders;
  timer: StageTimer;
}): Promise<void> {
  for (const closed of options.tracker.takeClosed()) {
    const evidence = options.evidence.take(closed.provisionalId);
    if (!evidence || !closed.confirmed) continue;
    const settled = await settleTrack(evidence, options.embedders, options.timer);
    if (settled) options.settled.set(closed.provisionalId, settled);
  }
}

/** Embeddings of the best few crops only (not of every detection), and the thumbnail. */
async function settleTrack(
  evidence: TrackEvidence,
  embedders: Embedders,
  timer: StageTimer,
): Promise<SettledTrack | undefined> {
  const best = evidence.thumbnail.best()[0];
  if (!best) return undefined;

  const faceEmbeddings = await timer.time('embeddings', () =>
    embedFaces(evidence, embedders.faceEmbedder),
  );
  const bodyEmbeddings = await timer.time('embeddings', () =>
    embedBodies(evidence, embedders.bodyEmbedder),
  );
  const jpeg = await timer.time('thumbnails', () =>
    encodeJpeg(best.item.crop, { maxSide: THUMBNAIL_MAX_SIDE }),
  );
  return {
    faces: evidence.faces.sort((a, b) => a.t - b.t),
    thumbnail: { t: best.item.t, box: best.item.box, jpeg },
    faceEmbeddings,
    bodyEmbeddings,
  };
}

/** The tracker's final tracks as results, boxes in source pixels, with what was settled. */
export function buildTracks(options: {
  tracked: TrackedPerson[];
  settled: Map<number, SettledTrack>;
  /** Source pixels per frame pixel. */
  frameScale: number;
}): TrackResult[] {
  const results: TrackResult[] = [];
  for (const person of options.tracked) {
    const settled = options.settled.get(person.provisionalId);
    if (!settled) continue;
    const observations = person.observations;
    results.push({
      // Numbered again so that ids stay 1…n even if a track had nothing to settle.
      id: results.length + 1,
      start: observations[0].t,
      end: observations[observations.length - 1].t,
      detections: observations.map((o) => ({
        t: o.t,
        box: scaleBox(o.box, options.frameScale),
        score: o.score,
      })),
      ...settled,
    });
  }
  return results;
}

async function embedFaces(
  evidence: TrackEvidence,
  embedder: FaceEmbedder,
): Promise<TrackEmbedding[]> {
  const candidates = evidence.bestFaces.best().map((entry) => entry.item);
  if (candidates.length === 0) return [];
  const vectors = await embedder.embed(candidates.map((candidate) => candidate.aligned));
  return candidates.map((candidate, i) => ({ t: candidate.t, vector: vectors[i] }));
}

async function embedBodies(
  evidence: TrackEvidence,
  embedder: BodyEmbedder,
): Promise<TrackEmbedding[]> {
  const embeddings: TrackEmbedding[] = [];
  for (const { item } of evidence.bestBodies.best()) {
    const whole: [number, number, number, number] = [0, 0, item.crop.width, item.crop.height];
    const [vector] = await embedder.embed(item.crop, [whole]);
    embeddings.push({ t: item.t, vector });
  }
  return embeddings;
}
