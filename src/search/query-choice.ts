import { GlimpseError } from '../errors.ts';
import { MIN_QUERY_FACE_PX, RECOMMENDED_QUERY_FACE_PX, type PhotoFace } from './photo-faces.ts';

const PHOTO_HINT =
  `Use a photo where the face is at least ${RECOMMENDED_QUERY_FACE_PX} px tall, ` +
  'or one that shows the whole person.';

/**
 * The face a photo query searches for: the one asked for, else the largest usable one;
 * undefined when the photo has no usable face (and no face was asked for).
 */
export function chooseFace(options: {
  faces: readonly PhotoFace[];
  face?: number;
  name: string;
}): PhotoFace | undefined {
  const { faces, face, name } = options;
  if (face === undefined) return faces.find((candidate) => candidate.usable);

  const chosen = faces[face];
  if (!chosen) {
    throw new GlimpseError(
      faces.length === 0
        ? `No face was found in ${name}, so there is no face ${face} to search for.`
        : `${name} shows ${faces.length} faces (0 to ${faces.length - 1}); there is no face ${face}.`,
      { code: 'NO_SUCH_FACE', hint: 'Leave the face out to search for the largest one.' },
    );
  }
  if (!chosen.usable) {
    throw new GlimpseError(
      `Face ${face} of ${name} is ${chosen.size} px tall, under the ${MIN_QUERY_FACE_PX} px ` +
        'a face needs to be recognised.',
      { code: 'FACE_TOO_SMALL', hint: PHOTO_HINT },
    );
  }
  return chosen;
}

/** What the user should know about the chosen face, if anything. */
export function describeFaceChoice(
  chosen: PhotoFace,
  faces: readonly PhotoFace[],
): string | undefined {
  const notes: string[] = [];
  if (faces.length > 1) {
    notes.push(
      `The photo shows ${faces.length} faces; searched for face ${chosen.index}` +
        `${chosen.index === 0 ? ' (the largest)' : ''}.`,
    );
  }
  if (chosen.size < RECOMMENDED_QUERY_FACE_PX) {
    notes.push(
      `The face is ${chosen.size} px tall; under ${RECOMMENDED_QUERY_FACE_PX} px scores are ` +
        'less reliable.',
    );
  }
  return notes.length > 0 ? notes.join(' ') : undefined;
}

/** The error for a photo with neither a usable face nor a person. */
export function noQueryError(options: { name: string; faces: readonly PhotoFace[] }): GlimpseError {
  const largest = options.faces[0];
  const message = largest
    ? `The faces in ${options.name} are too small to recognise (the largest is ` +
      `${largest.size} px tall) and no person was found in it.`
    : `No face or person found in ${options.name}.`;
  return new GlimpseError(message, { code: 'NOTHING_TO_SEARCH', hint: PHOTO_HINT });
}
