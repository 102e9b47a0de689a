import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sharedData } from './shared-data.ts';

/** One photo of the shared face set: faces/<identity>/<file>. */
export interface FacePhoto {
  identity: string;
  /** Path relative to the faces folder: <identity>/<file>. */
  name: string;
  path: string;
}

export async function listFacePhotos(): Promise<FacePhoto[]> {
  const root = sharedData('faces');
  const photos: FacePhoto[] = [];
  for (const identity of (await readdir(root)).sort()) {
    for (const file of (await readdir(join(root, identity))).sort()) {
      photos.push({ identity, name: `${identity}/${file}`, path: join(root, identity, file) });
    }
  }
  return photos;
}

/**
 * Pairs of photos of one identity that are (nearly) the same picture, as "a|b" keys of names
 * relative to the faces folder. The label file names the folder identities/, not faces/.
 */
export async function readNearDuplicatePairs(): Promise<Set<string>> {
  const text = await readFile(sharedData('labels', 'identity_sets_near_duplicates.tsv'), 'utf8');
  const pairs = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.startsWith('dhash') || !line.trim()) continue;
    const [, a, b] = line.split('\t').map((p) => p.trim().replace(/^identities\//, ''));
    pairs.add(pairKey(a, b));
  }
  return pairs;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** The face with the largest box, or undefined when there is none. */
export function largestFace<T extends { box: [number, number, number, number] }>(
  faces: readonly T[],
): T | undefined {
  let best: T | undefined;
  let bestArea = -1;
  for (const face of faces) {
    const area = (face.box[2] - face.box[0]) * (face.box[3] - face.box[1]);
    if (area > bestArea) [best, bestArea] = [face, area];
  }
  return best;
}

/** Cosine scores of every pair of embedded photos, except pairs of near-duplicate photos. */
export function scorePairs(
  photos: readonly { identity: string; name: string; embedding: Float32Array }[],
  nearDuplicates: ReadonlySet<string>,
  score: (a: Float32Array, b: Float32Array) => number,
): { same: number[]; different: number[] } {
  const same: number[] = [];
  const different: number[] = [];
  for (let i = 0; i < photos.length; i++) {
    for (let j = i + 1; j < photos.length; j++) {
      if (nearDuplicates.has(pairKey(photos[i].name, photos[j].name))) continue;
      const value = score(photos[i].embedding, photos[j].embedding);
      (photos[i].identity === photos[j].identity ? same : different).push(value);
    }
  }
  return { same, different };
}
