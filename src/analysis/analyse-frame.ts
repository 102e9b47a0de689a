import { boxHeight, boxWidth, clipBox, iou, scaleBox, type Box } from '../geometry/box.ts';
import type { Frame } from '../media/frame.ts';
import { cropImage } from '../media/image.ts';
import { assignFacesToPersons } from '../tracking/assign-faces.ts';
import { alignFace } from '../vision/align-face.ts';
import type { BodyEmbedder } from '../vision/body-embedder.ts';
import type { FaceDetection, PersonDetection } from '../vision/detection.ts';
import type { FaceDetector } from '../vision/face-detector.ts';
import type { PersonDetector } from '../vision/person-detector.ts';
import { withAmbiguousAppearance } from './ambiguous-appearance.ts';
import { faceQuality, measureFaceQuality, MIN_EMBEDDABLE_FACE_PX } from './face-quality.ts';
import type { ShotBoundaryDetector } from './shot-boundary.ts';
import type { ShotTracker } from './shot-tracker.ts';
import type { StageTimer } from './stage-timer.ts';
import type { EvidenceStore } from './track-evidence.ts';

export interface FrameModels {
  personDetector: PersonDetector;
  faceDetector: FaceDetector;
  /** Embeds the detections the tracker finds ambiguous. */
  bodyEmbedder: BodyEmbedder;
}

/** Person detections below this score may continue a track but never give a body crop. */
const BODY_CROP_MIN_SCORE = 0.5;

/** Person height (source pixels) from which a body crop counts as fully detailed. */
const FULL_DETAIL_BODY_PX = 200;

/**
 * Runs the detectors on one frame, feeds the tracker, and remembers, per track, its faces and
 * its best crops so far. Faces that no person box holds (a close-up, a talking head) get a
 * person box derived from the face, so they are tracked too.
 */
export async function analyseFrame(options: {
  frame: Frame;
  models: FrameModels;
  tracker: ShotTracker;
  shots: ShotBoundaryDetector;
  evidence: EvidenceStore;
  timer: StageTimer;
  faceDetectionMaxSide: number;
}): Promise<void> {
  const { frame, models, tracker, evidence, timer } = options;
  const persons = await timer.time('detection', () => models.personDetector.detect(frame));
  const faces = await timer.time('faces', () =>
    models.faceDetector.detect(frame, { maxSide: options.faceDetectionMaxSide }),
  );

  const detections: PersonDetection[] = [...persons];
  const holders = assignFacesToPersons(
    persons.map((person) => person.box),
    faces.map((face) => face.box),
  );
  const faceOwners = holders.map((holder, i) => {
    if (holder !== null) {
      // A clear face is evidence of a person: a box the person detector was unsure of (half
      // hidden, cut by the frame edge) may then start a track instead of only continuing one.
      const held = detections[holder];
      detections[holder] = { ...held, score: Math.max(held.score, faces[i].score) };
      return holder;
    }
    detections.push({ box: personBoxFromFace(faces[i].box, frame), score: faces[i].score });
    return detections.length - 1;
  });

  timer.timeSync('tracking', () => {
    if (options.shots.isCut(frame)) tracker.cut();
  });
  const bodyEmbedder = models.bodyEmbedder;
  const described = await timer.time('appearance', () =>
    withAmbiguousAppearance({ frame, detections, tracker, bodyEmbedder }),
  );
  const trackIds = timer.timeSync('tracking', () =>
    tracker.update({ index: frame.index, t: frame.t }, described),
  );
  trackIds.forEach((trackId, i) => {
    if (trackId === null) return;
    rememberBody({ frame, detections, index: i, trackId, evidence });
  });

  timer.timeSync('faces', () => {
    faces.forEach((face, i) => {
      const trackId = trackIds[faceOwners[i]];
      if (trackId === null) return;
      rememberFace({ frame, face, trackId, evidence });
    });
  });
}

function rememberBody(options: {
  frame: Frame;
  detections: PersonDetection[];
  index: number;
  trackId: number;
  evidence: EvidenceStore;
}): void {
  const { frame, detections, index } = options;
  const { box, score } = detections[index];
  if (score < BODY_CROP_MIN_SCORE) return;

  // A crop overlapped by another person mixes two people's clothes into one embedding.
  const overlap = Math.max(
    0,
    ...detections.map((other, j) => (j === index ? 0 : iou(box, other.box))),
  );
  const detail = Math.min(1, (boxHeight(box) * frame.scale) / FULL_DETAIL_BODY_PX);
  const usefulness = score * detail * (1 - overlap);
  const track = options.evidence.of(options.trackId);
  track.bestBodies.offer(usefulness, () => ({ t: frame.t, crop: cropImage(frame, box) }));
  track.thumbnail.offer(usefulness, () => ({
    t: frame.t,
    box: scaleBox(box, frame.scale),
    crop: cropImage(frame, box),
  }));
}

function rememberFace(options: {
  frame: Frame;
  face: FaceDetection;
  trackId: number;
  evidence: EvidenceStore;
}): void {
  const { frame, face } = options;
  const aligned = alignFace(frame, face.landmarks);
  const quality = faceQuality(measureFaceQuality({ face, scale: frame.scale, aligned }));
  const track = options.evidence.of(options.trackId);
  track.faces.push({
    t: frame.t,
    box: scaleBox(face.box, frame.scale),
    score: face.score,
    landmarks: face.landmarks.map(([x, y]) => [x * frame.scale, y * frame.scale]),
    quality,
  });
  if ((face.box[3] - face.box[1]) * frame.scale < MIN_EMBEDDABLE_FACE_PX) return;

  track.bestFaces.offer(quality, () => ({ t: frame.t, aligned }));
  // A thumbnail showing the face beats any without one: offset above every body score.
  const around = faceThumbnailBox(face.box, frame);
  track.thumbnail.offer(1 + quality, () => ({
    t: frame.t,
    box: scaleBox(around, frame.scale),
    crop: cropImage(frame, around),
  }));
}

/** A head-and-shoulders box around a face, for thumbnails people recognise at a glance. */
function faceThumbnailBox(face: Box, frame: Frame): Box {
  const size = Math.max(boxWidth(face), boxHeight(face)) * 2.2;
  const cx = (face[0] + face[2]) / 2;
  const cy = (face[1] + face[3]) / 2 + 0.1 * size;
  return clipBox(
    [cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2],
    frame.width,
    frame.height,
  );
}

/** Where the body of a person is likely to be, from their face: below it and wider. */
export function personBoxFromFace(face: Box, frame: Frame): Box {
  const w = boxWidth(face);
  const h = boxHeight(face);
  const cx = (face[0] + face[2]) / 2;
  return clipBox(
    [cx - 1.5 * w, face[1] - 0.4 * h, cx + 1.5 * w, face[3] + 3 * h],
    frame.width,
    frame.height,
  );
}
