import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { GlimpseError } from '../errors.ts';
import type { Library } from '../library/library.ts';
import { createLogger } from '../logger.ts';
import type { RgbImage } from '../media/frame.ts';
import { readImage } from '../media/image.ts';
import type { EmbeddingKind } from '../vision/detection.ts';
import { loadCalibration } from './calibration.ts';
import { findMoments, type Moment } from './moments.ts';
import { embedPhotoFace, findFacesInPhoto, type PhotoFace } from './photo-faces.ts';
import { embedPhotoPerson, findPersonInPhoto } from './photo-person.ts';
import { chooseFace, describeFaceChoice, noQueryError } from './query-choice.ts';
import { SearchModels, sharedSearchModels } from './search-models.ts';
import { trackEmbedding } from './track-embedding.ts';

const log = createLogger('Search');

/** Query photos are read with their longer side at most this many pixels. */
const MAX_PHOTO_SIDE = 4096;

/** What was searched for, as the answer reports it. */
export interface SearchQuery {
  kind: EmbeddingKind;
  /** Faces found in the query photo, largest first (empty for a track query). */
  faces: PhotoFace[];
  /** Index of the face searched for. */
  chosenFace?: number;
  /** The track searched for, for "find more like this". */
  track?: { videoId: string; trackId: number };
  minScore: number;
  /** Anything the user should know about how the query was made. */
  note?: string;
}

export interface SearchAnswer {
  query: SearchQuery;
  /** Best first. */
  moments: Moment[];
}

interface CommonSearchOptions {
  /** Calibrated minimum score; the kind's documented default when absent. */
  minScore?: number;
  /** Only moments of these videos. */
  videoIds?: readonly string[];
  /** At most this many moments. */
  limit?: number;
  /** Who asks, for the audit record: a user name, "cli", an HTTP client's address. */
  requester: string;
  models?: SearchModels;
}

export interface PhotoSearchOptions extends CommonSearchOptions {
  /** A file path or the photo's bytes. */
  photo: string | Uint8Array;
  /** Which face of the photo (PhotoFace.index); the largest usable face when absent. */
  face?: number;
}

/** Photo → the moments its person appears in: by face when it shows one, else by body. */
export async function searchByPhoto(
  library: Library,
  options: PhotoSearchOptions,
): Promise<SearchAnswer> {
  const models = options.models ?? sharedSearchModels();
  const { bytes, name } = await readPhotoBytes(options.photo);
  const photo = await readImage(bytes, { maxSide: MAX_PHOTO_SIDE, name });
  const faces = await findFacesInPhoto({ photo, models });
  const made = await makePhotoQuery({ photo, name, faces, face: options.face, models });

  const minScore = resolveMinScore(options.minScore, made.kind);
  const moments = await findMoments(library, {
    kind: made.kind,
    embedding: made.embedding,
    calibration: loadCalibration(made.kind),
    minScore,
    videoIds: options.videoIds,
    limit: options.limit,
  });
  const query: SearchQuery = { kind: made.kind, faces, chosenFace: made.chosenFace, minScore };
  if (made.note) query.note = made.note;

  await library.recordSearch({
    requester: options.requester,
    queryKind: 'photo',
    photoHash: createHash('sha256').update(bytes).digest('hex'),
    chosenFace: made.chosenFace === undefined ? null : String(made.chosenFace),
    resultCount: moments.length,
  });
  log.info(
    `Searched ${name} by ${made.kind}: ${faces.length} faces in the photo, ` +
      `${moments.length} moments at score ≥ ${minScore}`,
  );
  return { query, moments };
}

export interface TrackSearchOptions extends CommonSearchOptions {
  /** A video id, id prefix or path. */
  videoId: string;
  trackId: number;
}

/** "Find more like this": moments of other tracks that show the person of a stored track. */
export async function searchByTrack(
  library: Library,
  options: TrackSearchOptions,
): Promise<SearchAnswer> {
  const video = await library.resolveVideo(options.videoId);
  const { kind, embedding } = await trackEmbedding(library, { video, trackId: options.trackId });

  const minScore = resolveMinScore(options.minScore, kind);
  const moments = await findMoments(library, {
    kind,
    embedding,
    calibration: loadCalibration(kind),
    minScore,
    videoIds: options.videoIds,
    limit: options.limit,
    exclude: { videoId: video.id, track: options.trackId },
  });
  const track = { videoId: video.id, trackId: options.trackId };
  const query: SearchQuery = { kind, faces: [], track, minScore };
  if (kind === 'body') query.note = bodyTrackNote();

  await library.recordSearch({
    requester: options.requester,
    queryKind: 'track',
    photoHash: null,
    chosenFace: `${video.id}:${options.trackId}`,
    resultCount: moments.length,
  });
  log.info(
    `Searched like track ${options.trackId} of video ${video.id} by ${kind}: ` +
      `${moments.length} moments at score ≥ ${minScore}`,
  );
  return { query, moments };
}

interface PhotoQuery {
  kind: EmbeddingKind;
  embedding: Float32Array;
  chosenFace?: number;
  note?: string;
}

async function makePhotoQuery(options: {
  photo: RgbImage;
  name: string;
  faces: PhotoFace[];
  face?: number;
  models: SearchModels;
}): Promise<PhotoQuery> {
  const { photo, name, faces, models } = options;
  const chosen = chooseFace({ faces, face: options.face, name });
  if (chosen) {
    const embedding = await embedPhotoFace({ photo, face: chosen, models });
    return {
      kind: 'face',
      embedding,
      chosenFace: chosen.index,
      note: describeFaceChoice(chosen, faces),
    };
  }

  const person = await findPersonInPhoto({ photo, models });
  if (!person) throw noQueryError({ name, faces });
  const embedding = await embedPhotoPerson({ photo, person, models });
  const largest = faces[0];
  const why = largest
    ? `the largest face is ${largest.size} px tall, too small to recognise`
    : 'no face was found';
  const which = person.personCount > 1 ? ` (the largest of ${person.personCount} persons)` : '';
  return {
    kind: 'body',
    embedding,
    note:
      `Searched by body (clothing and build): ${why}. The person${which} is ` +
      `${person.size} px tall. Body matches are leads to check, not identifications.`,
  };
}

function bodyTrackNote(): string {
  return (
    'Searched by body (clothing and build): the track has no face large enough to recognise. ' +
    'Body matches are leads to check, not identifications.'
  );
}

function resolveMinScore(minScore: number | undefined, kind: EmbeddingKind): number {
  if (minScore === undefined) return loadCalibration(kind).defaultMinScore;
  if (!(minScore >= 0 && minScore <= 1)) {
    throw new GlimpseError(`The minimum score ${minScore} is not between 0 and 1.`, {
      code: 'BAD_MIN_SCORE',
      hint: `Scores are calibrated from 0 to 1; the default for ${kind} search is ${
        loadCalibration(kind).defaultMinScore
      }.`,
    });
  }
  return minScore;
}

async function readPhotoBytes(
  photo: string | Uint8Array,
): Promise<{ bytes: Uint8Array; name: string }> {
  if (typeof photo !== 'string') return { bytes: photo, name: 'the uploaded photo' };
  try {
    return { bytes: await readFile(photo), name: photo };
  } catch (error) {
    throw new GlimpseError(`Cannot read the photo ${photo}.`, {
      code: 'PHOTO_UNREADABLE',
      hint: 'Check the path: it should name an image file (JPEG, PNG, WebP…).',
      cause: error,
    });
  }
}
