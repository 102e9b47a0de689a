import { iou, type Box } from '../geometry/box.ts';
import { createLogger } from '../logger.ts';
import { contestedDetections, crowdedDetections, enlarge, mostOverlapping } from './ambiguity.ts';
import { cosineDistance } from './appearance.ts';
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
   * Least score of a high detection no track took for it to start a new track. Default 0.5,
   * equal to `highScore`. ByteTrack starts tracks a little above its high threshold (0.6), but
   * YOLOX-nano scores small, distant or half-hidden people at 0.45-0.6: at 0.6 they went
   * uncounted on vtest.avi (28 of 31 labelled seconds within one of the hand count, 31 of 31
   * at 0.5), while the tentative frames still keep one-frame noise from becoming a track.
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
  /**
   * How much boxes are enlarged on each side, as a fraction of their width and height, when
   * deciding whether a detection is near other people (see `needsAppearance`): near another
   * detection, or near the predicted boxes of two tracks or more. Default 0.5: two people
   * walking towards each other at 5 frames per second are flagged a frame or two before their
   * boxes touch, so their tracks have learnt their appearance when motion alone could err.
   */
  ambiguityMargin: number;
  /**
   * Greatest cosine distance of a track's appearance and a detection's body embedding for the
   * two to be paired, where both have one. Default 0.5, from OSNet x0.25 on vtest.avi: a track's
   * own person is within 0.27 in 95% of frames and 0.46 in 99% (crops half hidden by someone
   * else drift far), another person is beyond 0.5 half of the time. A tighter gate (0.3) broke
   * tracks at every crossing; below the gate the appearance distance can still win the pair.
   */
  appearanceGate: number;
  /**
   * Share of a track's appearance kept when it takes a new clear detection with a body
   * embedding. Default 0.9, as in BoT-SORT: one odd crop barely moves it.
   */
  appearanceMomentum: number;
  /**
   * Greatest IoU a detection may have with any other detection of its frame for its body
   * embedding to update a track's appearance. Default 0.1: an overlapped crop shows some of the
   * other person's clothes, and would teach the track the wrong appearance.
   */
  appearanceMaxOverlap: number;
  /**
   * Seconds after which a track near other people learns its appearance again. Default 2: people
   * turn and step into shade, so an old appearance goes stale, but a crop every 2 s is enough
   * and keeps embeddings to about one detection in nine on vtest.avi's crowd.
   */
  appearanceRefreshSeconds: number;
}

export const defaultTrackerOptions: TrackerOptions = {
  highScore: 0.5,
  lowScore: 0.1,
  newTrackScore: 0.5,
  minIou: 0.2,
  minIouLow: 0.5,
  minIouTentative: 0.3,
  tentativeBuffer: 1,
  confirmFrames: 2,
  maxLostSeconds: 1.5,
  ambiguityMargin: 0.5,
  appearanceGate: 0.5,
  appearanceMomentum: 0.9,
  appearanceMaxOverlap: 0.1,
  appearanceRefreshSeconds: 2,
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
  /** The detection's body embedding (L2-normalised), given where `needsAppearance` asked. */
  appearance?: Float32Array;
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
   * Which detections of the frame at time `t` deserve a body embedding; only confident ones
   * (`highScore`) are considered. A detection that overlaps two tracks' predicted boxes, or one
   * that another detection overlaps too, always does: motion alone may give it to the wrong
   * track (people crossing, walking side by side, one hidden behind another). One merely near
   * other people (within `ambiguityMargin`) does when its track has not learnt its appearance
   * for `appearanceRefreshSeconds`, so that the track knows it before it is needed. On sparse
   * footage it is none, and no embedding is computed.
   */
  // Known limit: two people who come into view already side by side can swap ids in their first
  // frames, because a track learns its appearance only from a crop no one else overlaps, and
  // weak detections (below `highScore`) never get an appearance, because embedding them too
  // cost twice as many embeddings on vtest.avi for no fewer ID switches seen.
  needsAppearance(t: number, detections: TrackerDetection[]): boolean[] {
    const usable = detections.map((d) => d.score >= this.options.highScore && isProperBox(d.box));
    const predicted = this.live.map((track) => track.predictedBoxAt(t));
    const boxes = detections.map((d) => d.box);
    const contested = contestedDetections(boxes, usable, predicted, this.options.minIou);
    const near = crowdedDetections(boxes, usable, predicted, this.options.ambiguityMargin);
    return boxes.map((box, i) => {
      if (contested[i]) return true;
      if (!near[i]) return false;
      const owner = this.live[mostOverlapping(box, predicted)];
      const learnt = owner?.appearanceSeenAt;
      return learnt === undefined || t - learnt >= this.options.appearanceRefreshSeconds;
    });
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
      this.learnAppearance(track, detections, i);
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

  /**
   * Pairs tracks and detections by IoU of predicted and detected boxes. Where both have an
   * appearance, a pair whose appearances differ beyond `appearanceGate` is never made, and one
   * that looks alike may cost as little as its appearance distance, as in BoT-SORT: between two
   * overlapping people, the one who looks like the track wins.
   */
  private associate(
    tracks: Track[],
    candidates: number[],
    detections: TrackerDetection[],
    gate: { minIou: number; buffer?: number },
  ): Association {
    const buffer = gate.buffer ?? 0;
    const predicted = tracks.map((track) => enlarge(track.predictedBox, buffer));
    const boxes = candidates.map((i) => enlarge(detections[i].box, buffer));
    const maxCost = 1 - gate.minIou;
    const { matches, unmatchedRows, unmatchedColumns } = assign({
      rows: tracks.length,
      columns: candidates.length,
      cost: (row, column) => {
        const boxCost = 1 - iou(predicted[row], boxes[column]);
        const seen = detections[candidates[column]].appearance;
        const kept = tracks[row].appearance;
        if (boxCost >= maxCost || !seen || !kept) return boxCost;
        const distance = cosineDistance(kept, seen);
        return distance > this.options.appearanceGate ? Infinity : Math.min(boxCost, distance);
      },
      maxCost,
    });
    return {
      matches: matches.map(([row, column]) => [tracks[row], candidates[column]]),
      unmatchedTracks: unmatchedRows.map((row) => tracks[row]),
      unmatchedDetections: unmatchedColumns.map((column) => candidates[column]),
    };
  }

  /** Teaches the track the appearance of a detection it took, if the detection is clear. */
  private learnAppearance(track: Track, detections: TrackerDetection[], i: number): void {
    const { box, score, appearance } = detections[i];
    if (!appearance || score < this.options.highScore) return;
    const overlap = Math.max(0, ...detections.map((d, j) => (j === i ? 0 : iou(box, d.box))));
    if (overlap > this.options.appearanceMaxOverlap) return;
    track.seeAppearance(appearance, this.options.appearanceMomentum, track.lastSeen);
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
      this.learnAppearance(track, detections, i);
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

function isProperBox(box: Box): boolean {
  return box.every(Number.isFinite) && box[2] > box[0] && box[3] > box[1];
}
