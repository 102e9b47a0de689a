import { iou, type Box } from '../geometry/box.ts';
import { createLogger } from '../logger.ts';
import { assign } from './linear-assignment.ts';
import { Track, type TrackObservation } from './track.ts';

const logger = createLogger('ByteTracker');

/** Every threshold of the tracker. Scores are the person detector's, 0..1. */
export interface TrackerOptions {
  /** Detections scoring at least this are matched first and may start tracks. Default 0.5. */
  highScore: number;
  /**
   * Detections scoring below this are ignored; those between `lowScore` and `highScore` can only
   * continue an active track (a person half hidden scores low), never start one. Default 0.1.
   */
  lowScore: number;
  /**
   * Least score of a high detection no track took for it to start a new track. Default 0.6, a
   * little above `highScore` as in ByteTrack: boxes barely above it are often not people.
   */
  newTrackScore: number;
  /**
   * Least IoU of a confirmed track's predicted box and a high detection to pair them. Default
   * 0.2, as in ByteTrack: the prediction is good enough that a loose gate rarely errs.
   */
  minIou: number;
  /**
   * Least IoU to pair an active track with a low detection: stricter, since low detections are
   * often background or a neighbour's shoulder. Default 0.5.
   */
  minIouLow: number;
  /**
   * Least IoU to pair a tentative track with a high detection, after both boxes are enlarged by
   * `tentativeBuffer`. Default 0.3.
   */
  minIouTentative: number;
  /**
   * How much a tentative track's box and the detections are enlarged on each side, as a fraction
   * of their width and height, before their IoU is taken (buffered IoU). Default 1: a tentative
   * track has no velocity yet, and someone running across the view at 5 frames per second (or
   * walking at 2) moves about a box width per frame, which leaves plain boxes no overlap at all
   * but enlarged ones an IoU near 0.5. Up to about 1.6 box widths per frame pass the gate.
   */
  tentativeBuffer: number;
  /**
   * Consecutive frames a new track must take a detection in before it is believed; a tentative
   * track that misses a frame is dropped. Default 2: no track from one frame of noise.
   */
  confirmFrames: number;
  /**
   * Seconds a confirmed track may go unseen before it ends. Default 1.5: someone walking behind
   * another person or a pillar is hidden for about 0.5-1.5 s; beyond that a constant-velocity
   * guess is off by more than a body width (people stop and turn), so an IoU match would too
   * easily hand the old id to someone else. Longer gaps are for body embeddings to join.
   */
  maxLostSeconds: number;
}

export const defaultTrackerOptions: TrackerOptions = {
  highScore: 0.5,
  lowScore: 0.1,
  newTrackScore: 0.6,
  minIou: 0.2,
  minIouLow: 0.5,
  minIouTentative: 0.3,
  tentativeBuffer: 1,
  confirmFrames: 2,
  maxLostSeconds: 1.5,
};

/** A confirmed track as the tracker hands it over. */
export interface TrackedPerson {
  /** 1, 2, 3… in order of first appearance. */
  id: number;
  /** The id `ByteTracker.update` returned for this track's detections. */
  provisionalId: number;
  /** Seconds: times of the first and last observation. */
  start: number;
  end: number;
  /** Every detection the track took, in time order, including those before it was confirmed. */
  observations: TrackObservation[];
}

/** A track that takes no more detections: ended after being confirmed, or dropped before. */
export interface ClosedTrack {
  provisionalId: number;
  confirmed: boolean;
}

export interface TrackerFrame {
  index: number;
  /** Seconds from the start of the video. */
  t: number;
}

export interface TrackerDetection {
  box: Box;
  score: number;
}

interface Association {
  matches: [Track, number][];
  unmatchedTracks: Track[];
  unmatchedDetections: number[];
}

/**
 * Follows people through the frames of one video with ByteTrack's two-stage association:
 * confident detections go to all tracks first (lost ones included), then weak detections may
 * continue the active tracks left over. Motion comes from a Kalman filter in seconds, so the
 * frames may be sampled at any rate.
 */
export class ByteTracker {
  private readonly options: TrackerOptions;
  private live: Track[] = [];
  private readonly ended: Track[] = [];
  private closed: ClosedTrack[] = [];
  private nextId = 1;
  private lastFrame: TrackerFrame | undefined;
  private droppedTentative = 0;
  private finished = false;

  constructor(options: Partial<TrackerOptions> = {}) {
    this.options = { ...defaultTrackerOptions, ...options };
  }

  /**
   * Matches the detections of the next frame to tracks. Returns, for each detection in order,
   * the provisional id of the track that took it, or null.
   */
  update(frame: TrackerFrame, detections: TrackerDetection[]): (number | null)[] {
    this.checkOrder(frame);
    for (const track of this.live) track.predict(frame.t);

    const { highScore, lowScore } = this.options;
    const usable = detections.map((d, i) => ({ ...d, i })).filter((d) => isProperBox(d.box));
    const high = usable.filter((d) => d.score >= highScore).map((d) => d.i);
    const low = usable.filter((d) => d.score >= lowScore && d.score < highScore).map((d) => d.i);

    const assigned = new Array<number | null>(detections.length).fill(null);
    const take = ([track, i]: [Track, number]) => {
      track.take(observe(frame, detections, i));
      assigned[i] = track.provisionalId;
    };

    const tentative = this.live.filter((track) => track.state === 'tentative');
    const confirmed = this.live.filter((track) => track.state !== 'tentative');
    const first = this.associate(confirmed, high, detections, { minIou: this.options.minIou });
    first.matches.forEach(take);

    const active = first.unmatchedTracks.filter((track) => track.state === 'active');
    const second = this.associate(active, low, detections, { minIou: this.options.minIouLow });
    second.matches.forEach(take);

    const remaining = first.unmatchedDetections;
    const third = this.associate(tentative, remaining, detections, {
      minIou: this.options.minIouTentative,
      buffer: this.options.tentativeBuffer,
    });
    third.matches.forEach(take);

    const taken = new Set([...first.matches, ...second.matches, ...third.matches].map(([t]) => t));
    this.retire(frame.t, taken);
    this.start(frame, third.unmatchedDetections, detections, assigned);
    return assigned;
  }

  /** Ends every track and returns the confirmed ones, renumbered by first appearance. */
  finish(): TrackedPerson[] {
    this.finished = true;
    for (const track of this.live) this.close(track, track.state !== 'tentative');
    const confirmed = [...this.ended, ...this.live.filter((track) => track.state !== 'tentative')];
    confirmed.sort(
      (a, b) => a.observations[0].t - b.observations[0].t || a.provisionalId - b.provisionalId,
    );

    logger.debug(
      `Finished with ${confirmed.length} tracks up to frame ${this.lastFrame?.index ?? 'none'}; ` +
        `dropped ${this.droppedTentative} tentative tracks`,
    );
    return confirmed.map((track, i) => ({
      id: i + 1,
      provisionalId: track.provisionalId,
      start: track.observations[0].t,
      end: track.lastSeen,
      observations: track.observations,
    }));
  }

  /**
   * The tracks closed since the last call, so that what a caller keeps per track can be settled
   * early: a track ends once unseen for `maxLostSeconds`, and every track closes at `finish`.
   */
  takeClosed(): ClosedTrack[] {
    const closed = this.closed;
    this.closed = [];
    return closed;
  }

  // Known limit: association compares boxes only, so two people of the same size whose boxes
  // overlap almost entirely (IoU above about 0.8) can trade ids for a frame, because nothing else
  // tells them apart; a body embedding per detection would, at the price of one per detection.
  private associate(
    tracks: Track[],
    candidates: number[],
    detections: TrackerDetection[],
    gate: { minIou: number; buffer?: number },
  ): Association {
    const buffer = gate.buffer ?? 0;
    const predicted = tracks.map((track) => enlarge(track.predictedBox, buffer));
    const boxes = candidates.map((i) => enlarge(detections[i].box, buffer));
    const { matches, unmatchedRows, unmatchedColumns } = assign({
      rows: tracks.length,
      columns: candidates.length,
      cost: (row, column) => 1 - iou(predicted[row], boxes[column]),
      maxCost: 1 - gate.minIou,
    });
    return {
      matches: matches.map(([row, column]) => [tracks[row], candidates[column]]),
      unmatchedTracks: unmatchedRows.map((row) => tracks[row]),
      unmatchedDetections: unmatchedColumns.map((column) => candidates[column]),
    };
  }

  /** Marks tracks that took nothing in this frame, and ends those gone too long. */
  private retire(t: number, taken: Set<Track>): void {
    const kept: Track[] = [];
    for (const track of this.live) {
      if (!taken.has(track)) track.miss();

      if (track.state === 'tentative' && !taken.has(track)) {
        this.droppedTentative++;
        this.close(track, false);
      } else if (track.state === 'lost' && t - track.lastSeen > this.options.maxLostSeconds) {
        this.ended.push(track);
        this.close(track, true);
      } else {
        kept.push(track);
      }
    }
    this.live = kept;
  }

  private close(track: Track, confirmed: boolean): void {
    this.closed.push({ provisionalId: track.provisionalId, confirmed });
  }

  private start(
    frame: TrackerFrame,
    candidates: number[],
    detections: TrackerDetection[],
    assigned: (number | null)[],
  ): void {
    for (const i of candidates) {
      if (detections[i].score < this.options.newTrackScore) continue;
      const first = observe(frame, detections, i);
      const track = new Track(this.nextId++, first, this.options.confirmFrames);
      this.live.push(track);
      assigned[i] = track.provisionalId;
    }
  }

  private checkOrder(frame: TrackerFrame): void {
    if (this.finished) throw new Error('ByteTracker.update was called after finish()');
    if (this.lastFrame && frame.t <= this.lastFrame.t) {
      throw new Error(
        `Frame ${frame.index} at t=${frame.t} s does not come after frame ` +
          `${this.lastFrame.index} at t=${this.lastFrame.t} s: give frames in time order`,
      );
    }
    this.lastFrame = frame;
  }
}

function observe(frame: TrackerFrame, detections: TrackerDetection[], i: number): TrackObservation {
  const { box, score } = detections[i];
  return { frameIndex: frame.index, t: frame.t, box, score, detectionIndex: i };
}

/** The box grown by `fraction` of its width and height on each side. */
function enlarge(box: Box, fraction: number): Box {
  const dx = (box[2] - box[0]) * fraction;
  const dy = (box[3] - box[1]) * fraction;
  return [box[0] - dx, box[1] - dy, box[2] + dx, box[3] + dy];
}

function isProperBox(box: Box): boolean {
  return box.every(Number.isFinite) && box[2] > box[0] && box[3] > box[1];
}
