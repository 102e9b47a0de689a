import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../test/fixtures/videos.ts';
import { readImage } from './image.ts';
import { encodeJpeg } from './jpeg.ts';

const PHOTO = sharedData('faces', 'adams', 'openface__adams.jpg');

describe(encodeJpeg.name, () => {
  it('should encode an image as JPEG of the same size', async () => {
    const image = await readImage(PHOTO, { maxSide: 300 });

    const jpeg = await encodeJpeg(image);

    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
    expect(await sharp(jpeg).metadata()).toMatchObject({
      format: 'jpeg',
      width: image.width,
      height: image.height,
    });
  });

  it('should encode only the crop, shrunk to maxSide', async () => {
    const image = await readImage(PHOTO, { maxSide: 300 });

    const jpeg = await encodeJpeg(image, { crop: [10, 20, 210, 120], maxSide: 100 });

    expect(await sharp(jpeg).metadata()).toMatchObject({ width: 100, height: 50 });
  });

  it('should give smaller files at lower quality', async () => {
    const image = await readImage(PHOTO, { maxSide: 300 });

    const low = await encodeJpeg(image, { quality: 30 });
    const high = await encodeJpeg(image, { quality: 95 });

    expect(low.length).toBeLessThan(high.length);
  });
});
