import sharp from 'sharp';
import type { Box } from '../geometry/box.ts';

/** A face found in the query photo, as the API sends it. */
export interface FaceView {
  index: number;
  /** In the photo's pixels, after EXIF orientation: [x1, y1, x2, y2]. */
  box: Box;
  score: number;
  /** Height of the face in pixels. */
  size: number;
  /** False when the face is too small to search with. */
  usable: boolean;
  /** A small JPEG crop of the face, as a data URL the browser shows directly. */
  thumbnail: string;
}

export const faceViewSchema = {
  type: 'object',
  properties: {
    index: { type: 'integer' },
    box: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 },
    score: { type: 'number' },
    size: { type: 'number' },
    usable: { type: 'boolean' },
    thumbnail: { type: 'string' },
  },
} as const;

/** Crop size in the answer: large enough to recognise someone, small enough to inline. */
const cropSize = 112;

/** A square crop around the face with some margin, so hair and chin help a user pick. */
async function faceCrop(photo: Uint8Array, box: Box, width: number, height: number) {
  const side = Math.max(box[2] - box[0], box[3] - box[1]) * 1.4;
  const centerX = (box[0] + box[2]) / 2;
  const centerY = (box[1] + box[3]) / 2;
  const left = Math.max(0, Math.round(centerX - side / 2));
  const top = Math.max(0, Math.round(centerY - side / 2));
  const right = Math.min(width, Math.round(centerX + side / 2));
  const bottom = Math.min(height, Math.round(centerY + side / 2));
  const jpeg = await sharp(photo)
    .rotate()
    .extract({ left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) })
    .resize(cropSize, cropSize, { fit: 'cover' })
    .jpeg({ quality: 85 })
    .toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}

/** Search reads photos with their longer side at most this (src/search/search.ts). */
const searchPhotoMaxSide = 4096;

interface FoundFace {
  index: number;
  box: Box;
  score: number;
  size: number;
  usable: boolean;
}

/** Adds a crop thumbnail to each face search found in the photo. */
export async function faceViews(
  photo: Uint8Array,
  faces: readonly FoundFace[],
): Promise<FaceView[]> {
  const meta = await sharp(photo).metadata();
  const turned = (meta.orientation ?? 1) >= 5;
  const width = (turned ? meta.height : meta.width) ?? 0;
  const height = (turned ? meta.width : meta.height) ?? 0;
  // Boxes are in the pixels search read the photo at; crops are cut from the full photo.
  const scale = Math.max(1, Math.max(width, height) / searchPhotoMaxSide);
  return Promise.all(
    faces.map(async (face) => {
      const box = face.box.map((value) => value * scale) as Box;
      const thumbnail = await faceCrop(photo, box, width, height);
      const { index, score, size, usable } = face;
      return { index, box: face.box, score, size, usable, thumbnail };
    }),
  );
}
