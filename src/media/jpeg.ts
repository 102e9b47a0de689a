import sharp from 'sharp';
import type { Box } from '../geometry/box.ts';
import { pixelRegion } from './crop.ts';
import type { RgbImage } from './frame.ts';

/** JPEG quality of thumbnails unless asked otherwise: small files, faces still clear. */
const DEFAULT_QUALITY = 82;

export interface EncodeJpegOptions {
  /** Only this part of the image, clipped to it and widened to whole pixels. */
  crop?: Box;
  /** Longest side in pixels; larger results are shrunk, smaller ones kept. */
  maxSide?: number;
  /** 1..100. */
  quality?: number;
}

/** Encodes an RGB image (or a part of it) as JPEG, for thumbnails. */
export async function encodeJpeg(
  image: RgbImage,
  options: EncodeJpegOptions = {},
): Promise<Uint8Array> {
  let pipeline = sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
  });
  if (options.crop) pipeline = pipeline.extract(pixelRegion(options.crop, image));
  if (options.maxSide !== undefined) {
    const side = options.maxSide;
    pipeline = pipeline.resize(side, side, { fit: 'inside', withoutEnlargement: true });
  }
  const jpeg = await pipeline.jpeg({ quality: options.quality ?? DEFAULT_QUALITY }).toBuffer();
  return new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
}
