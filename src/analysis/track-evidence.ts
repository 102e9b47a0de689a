import type { Box } from '../geometry/box.ts';
import type { RgbImage } from '../media/frame.ts';
import type { TrackFace } from './result.ts';
import { TopK } from './top-k.ts';

/** An aligned face kept as a candidate for the track's face embedding. */
export interface FaceCandidate {
  t: number;
  aligned: RgbImage;
}

/** A person crop kept as a candidate for the track's body embedding. */
export interface BodyCandidate {
  t: number;
  crop: RgbImage;
}

/** The picture kept as the track's thumbnail, with where it was taken (source pixels). */
export interface ThumbnailCandidate {
  t: number;
  box: Box;
  crop: RgbImage;
}

/**
 * What the pipeline remembers about one track while frames stream past: every face it saw
 * (small), and only the best few crops (large) for embeddings and the thumbnail.
 */
export class TrackEvidence {
  readonly faces: TrackFace[] = [];
  readonly bestFaces: TopK<FaceCandidate>;
  readonly bestBodies: TopK<BodyCandidate>;
  readonly thumbnail = new TopK<ThumbnailCandidate>(1);

  constructor(cropsPerTrack: number) {
    this.bestFaces = new TopK(cropsPerTrack);
    this.bestBodies = new TopK(cropsPerTrack);
  }
}

/**
 * Evidence per provisional track id, created on first use.
 *
 * Known limit: every track's evidence stays until the video ends, because embeddings are
 * computed once the tracker has finished; at up to about 1 MB of crops per track, a long busy
 * video holds gigabytes. Embedding each track as soon as the tracker ends it would bound this
 * by the tracks alive at one time.
 */
export class EvidenceStore {
  private readonly byTrack = new Map<number, TrackEvidence>();

  constructor(private readonly cropsPerTrack: number) {}

  of(trackId: number): TrackEvidence {
    let evidence = this.byTrack.get(trackId);
    if (!evidence) {
      evidence = new TrackEvidence(this.cropsPerTrack);
      this.byTrack.set(trackId, evidence);
    }
    return evidence;
  }

  get(trackId: number): TrackEvidence | undefined {
    return this.byTrack.get(trackId);
  }
}
