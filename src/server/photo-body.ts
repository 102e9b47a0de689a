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

/** sharp's own default limit, which search reads photos with: about 268 megapixels. */
export const maxPhotoPixels = 0x3fff * 0x3fff;

async function photoSize(body: Buffer): Promise<{ width: number; height: number } | undefined> {
  try {
    const meta = await sharp(body, { limitInputPixels: false }).metadata();
    return meta.width && meta.height ? { width: meta.width, height: meta.height } : undefined;
  } catch {
    return undefined;
  }
}

/** Checks that the body is a picture sharp decodes, of a size it decodes, before any model sees it. */
export async function checkPhoto(body: unknown): Promise<Buffer> {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new HttpError(
      400,
      'PHOTO_REQUIRED',
      'The request has no photo.',
      'Send the photo as the request body with Content-Type image/jpeg or image/png.',
    );
  }
  const size = await photoSize(body);
  if (!size) {
    throw new HttpError(
      415,
      'NOT_AN_IMAGE',
      `The photo sent (${body.length} bytes) is not an image Glimpse can read.`,
      'Send a JPEG, PNG or WebP photo.',
    );
  }
  if (size.width * size.height > maxPhotoPixels) {
    const megapixels = Math.round((size.width * size.height) / 1e6);
    throw new HttpError(
      413,
      'PHOTO_TOO_LARGE',
      `The photo is ${size.width}×${size.height} pixels (${megapixels} megapixels), ` +
        `more than Glimpse reads (${Math.round(maxPhotoPixels / 1e6)}).`,
      'Send a smaller photo; a crop around the person is enough.',
    );
  }
  return body;
}
