import type { Box } from '../geometry/box.ts';
import {
  boxOfMotion,
  correctBoxMotion,
  predictBoxMotion,
  startBoxMotion,
  type BoxMotion,
} from './box-motion.ts';
import { blendAppearance } from './appearance.ts';

/** One detection a track took, and where it came from in the tracker's input. */
export interface TrackObservation {
  frameIndex: number;
  t: number;
  box: Box;
  score: number;
  /** Position of the detection in the list given to `ByteTracker.update` for that frame. */
  detectionIndex: number;
}

/**
 * - tentative: started, not yet seen in enough consecutive frames to be believed;
 * - active: confirmed and seen in the latest frame;
 * - lost: confirmed, missed in recent frames, still predicted and open to be found again.
 */
export type TrackState = 'tentative' | 'active' | 'lost';

/** A track while the tracker runs: its motion model and the detections it took. */
export class Track {
  state: TrackState = 'tentative';
  readonly observations: TrackObservation[];
  /** Running average of the body embeddings of its clear detections, once it has taken one. */
  appearance: Float32Array | undefined;
  /** Seconds: when the appearance last learnt from a detection. */
  appearanceSeenAt: number | undefined;
  private motion: BoxMotion;
  private consecutiveHits = 1;

  constructor(
    readonly provisionalId: number,
    first: TrackObservation,
    private readonly confirmAfter: number,
  ) {
    this.observations = [first];
    this.motion = startBoxMotion(first.box, first.t);
    if (confirmAfter <= 1) this.state = 'active';
  }

  /** Where the motion model expects the person at time `t`. */
  predict(t: number): void {
    this.motion = predictBoxMotion(this.motion, t, this.state === 'lost');
  }

  get predictedBox(): Box {
    return boxOfMotion(this.motion);
  }

  /** Where the motion model would expect the person at time `t`, leaving the track as it is. */
  predictedBoxAt(t: number): Box {
    return boxOfMotion(predictBoxMotion(this.motion, t, this.state === 'lost'));
  }

  /** Moves the track's appearance towards a body embedding, keeping `momentum` of the old. */
  seeAppearance(embedding: Float32Array, momentum: number, t: number): void {
    this.appearance = blendAppearance(this.appearance, embedding, momentum);
    this.appearanceSeenAt = t;
  }

  get lastSeen(): number {
    return this.observations[this.observations.length - 1].t;
  }

  /** Takes a detection made at the time of the last prediction. */
  take(observation: TrackObservation): void {
    this.motion = correctBoxMotion(this.motion, observation.box);
    this.observations.push(observation);
    this.consecutiveHits++;
    if (this.state === 'lost' || this.consecutiveHits >= this.confirmAfter) this.state = 'active';
  }

  miss(): void {
    this.consecutiveHits = 0;
    if (this.state === 'active') this.state = 'lost';
  }
}
