import sharp from 'sharp';
import { HttpError } from './error-body.ts';

/** Content types a query photo may be sent with, as the raw request body. */
export const photoContentTypes = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/gif',
  'image/tiff',
  'application/octet-stream',
];

/** Checks that the body is a picture sharp decodes, before any model sees it. */
export async function checkPhoto(body: unknown): Promise<Buffer> {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new HttpError(
      400,
      'PHOTO_REQUIRED',
      'The request has no photo.',
      'Send the photo as the request body with Content-Type image/jpeg or image/png.',
    );
  }
  try {
    const meta = await sharp(body).metadata();
    if (meta.width && meta.height) return body;
  } catch {
    // Falls through to the same answer as a picture without a size.
  }
  throw new HttpError(
    415,
    'NOT_AN_IMAGE',
    `The photo sent (${body.length} bytes) is not an image Glimpse can read.`,
    'Send a JPEG, PNG or WebP photo.',
  );
}
