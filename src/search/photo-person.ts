import { boxArea, boxHeight, type Box } from '../geometry/box.ts';
import type { RgbImage } from '../media/frame.ts';
import type { SearchModels } from './search-models.ts';

/**
 * Least detector score of a person in a query photo. Higher than the analysis's (which keeps
 * low boxes for the tracker): a query must be a person, not a coat on a chair.
 */
const MIN_PERSON_SCORE = 0.5;

/** Persons shorter than this carry too little for a body embedding (its input is 256 high). */
export const MIN_QUERY_PERSON_PX = 48;

/** The person a body query is made from. */
export interface PhotoPerson {
  /** In the photo's pixels. */
  box: Box;
  score: number;
  /** Height in the photo's pixels. */
  size: number;
  /** How many persons the photo shows (the largest one is the query). */
  personCount: number;
}

/** The largest clearly seen person of the photo, or undefined when there is none. */
export async function findPersonInPhoto(options: {
  photo: RgbImage;
  models: SearchModels;
}): Promise<PhotoPerson | undefined> {
  const detector = await options.models.personDetector();
  const persons = (await detector.detect(options.photo, { minScore: MIN_PERSON_SCORE })).filter(
    (person) => boxHeight(person.box) >= MIN_QUERY_PERSON_PX,
  );
  if (persons.length === 0) return undefined;

  const largest = persons.reduce((a, b) => (boxArea(b.box) > boxArea(a.box) ? b : a));
  return {
    box: largest.box.map((v) => Math.round(v)) as Box,
    score: largest.score,
    size: Math.round(boxHeight(largest.box)),
    personCount: persons.length,
  };
}

/** The body embedding of the person. */
export async function embedPhotoPerson(options: {
  photo: RgbImage;
  person: PhotoPerson;
  models: SearchModels;
}): Promise<Float32Array> {
  const embedder = await options.models.bodyEmbedder();
  const [embedding] = await embedder.embed(options.photo, [options.person.box]);
  return embedding;
}
