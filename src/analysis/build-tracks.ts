import { scaleBox } from '../geometry/box.ts';
import { encodeJpeg } from '../media/jpeg.ts';
import type { TrackedPerson } from '../tracking/byte-tracker.ts';
import type { BodyEmbedder } from '../vision/body-embedder.ts';
import type { FaceEmbedder } from '../vision/face-embedder.ts';
import type { TrackEmbedding, TrackResult } from './result.ts';
import type { StageTimer } from './stage-timer.ts';
import type { EvidenceStore, TrackEvidence } from './track-evidence.ts';

const THUMBNAIL_MAX_SIDE = 320;

/**
 * Turns the tracker's final tracks into results: boxes in source pixels, faces, a thumbnail,
 * and embeddings of the best few crops only (not of every detection).
 */
export async function buildTracks(options: {
  tracked: TrackedPerson[];
  evidence: EvidenceStore;
  embedders: { faceEmbedder: FaceEmbedder; bodyEmbedder: BodyEmbedder };
  timer: StageTimer;
  cropsPerTrack: number;
  /** Source pixels per frame pixel. */
  frameScale: number;
}): Promise<TrackResult[]> {
  const results: TrackResult[] = [];
  for (const person of options.tracked) {
    const evidence = options.evidence.get(person.provisionalId);
    const best = evidence?.thumbnail.best()[0];
    if (!evidence || !best) continue;

    const faceEmbeddings = await options.timer.time('embeddings', () =>
      embedFaces(evidence, options.embedders.faceEmbedder),
    );
    const bodyEmbeddings = await options.timer.time('embeddings', () =>
      embedBodies(evidence, options.embedders.bodyEmbedder),
    );
    const jpeg = await options.timer.time('thumbnails', () =>
      encodeJpeg(best.item.crop, { maxSide: THUMBNAIL_MAX_SIDE }),
    );
    const observations = person.observations;
    results.push({
      id: person.id,
      start: observations[0].t,
      end: observations[observations.length - 1].t,
      detections: observations.map((o) => ({
        t: o.t,
        box: scaleBox(o.box, options.frameScale),
        score: o.score,
      })),
      faces: evidence.faces.sort((a, b) => a.t - b.t),
      thumbnail: { t: best.item.t, box: best.item.box, jpeg },
      faceEmbeddings,
      bodyEmbeddings,
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
