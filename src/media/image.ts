import sharp from 'sharp';
import { GlimpseError } from '../errors.ts';
import type { Box } from '../geometry/box.ts';
import { pixelRegion } from './crop.ts';
import type { RgbImage } from './frame.ts';

export interface ReadImageOptions {
  /** Longest side in pixels; larger pictures are shrunk, smaller ones kept as they are. */
  maxSide?: number;
  /** How to name the picture in errors when `input` is bytes (e.g. the uploaded file name). */
  name?: string;
}

/**
 * Decodes a picture (JPEG, PNG, WebP, AVIF, TIFF, GIF's first frame…) to packed RGB, upright
 * as EXIF orientation says, transparency flattened onto white.
 */
export async function readImage(
  input: string | Uint8Array,
  options: ReadImageOptions = {},
): Promise<RgbImage> {
  const name = typeof input === 'string' ? input : (options.name ?? 'The image');
  try {
    let pipeline = sharp(input).rotate().flatten({ background: '#ffffff' });
    if (options.maxSide !== undefined) {
      const side = options.maxSide;
      pipeline = pipeline.resize(side, side, { fit: 'inside', withoutEnlargement: true });
    }
    const { data, info } = await pipeline
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      width: info.width,
      height: info.height,
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    };
  } catch (error) {
    throw new GlimpseError(`${name} could not be read as an image (${(error as Error).message}).`, {
      code: 'NOT_AN_IMAGE',
      hint: 'Give a photo file such as JPEG, PNG or WebP that opens in an image viewer.',
      cause: error,
    });
  }
}

/** The part of an image inside a box, clipped to the image and widened to whole pixels. */
export function cropImage(image: RgbImage, box: Box): RgbImage {
  const region = pixelRegion(box, image);
  const data = new Uint8Array(region.width * region.height * 3);
  const rowBytes = region.width * 3;
  for (let y = 0; y < region.height; y += 1) {
    const from = ((region.top + y) * image.width + region.left) * 3;
    data.set(image.data.subarray(from, from + rowBytes), y * rowBytes);
  }
  return { width: region.width, height: region.height, data };
}
