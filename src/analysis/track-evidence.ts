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
 * Evidence per provisional track id, created on first use and taken out once the track closes,
 * so that only the tracks alive at one time hold crops.
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

  /** The track's evidence, forgotten by the store. */
  take(trackId: number): TrackEvidence | undefined {
    const evidence = this.byTrack.get(trackId);
    this.byTrack.delete(trackId);
    return evidence;
  }

  /** How many tracks hold evidence. */
  get size(): number {
    return this.byTrack.size;
  }
}
