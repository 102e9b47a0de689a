import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, sharedData } from '../../test/fixtures/videos.ts';
import { isGlimpseError } from '../errors.ts';
import { cropImage, readImage } from './image.ts';

const PHOTO = sharedData('faces', 'adams', 'openface__adams.jpg');

let dir: string;

beforeAll(async () => {
  dir = await makeTempDir();
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe(readImage.name, () => {
  it('should decode a photo to packed RGB', async () => {
    const { width, height } = await sharp(PHOTO).metadata();

    const image = await readImage(PHOTO);

    expect(image).toMatchObject({ width, height });
    expect(image.data.length).toBe(image.width * image.height * 3);
  });

  it('should shrink a photo to maxSide', async () => {
    const image = await readImage(PHOTO, { maxSide: 200 });

    expect(Math.max(image.width, image.height)).toBe(200);
  });

  it('should turn a photo upright as its EXIF orientation says', async () => {
    const path = join(dir, 'turned.jpg');
    // Orientation 6: stored on its side, shown turned 90 degrees clockwise.
    await sharp({ create: { width: 60, height: 40, channels: 3, background: '#808080' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toFile(path);

    const image = await readImage(path);

    expect(image).toMatchObject({ width: 40, height: 60 });
  });

  it('should give three channels for grey and transparent pictures', async () => {
    const grey = await sharp(PHOTO).greyscale().png().toBuffer();
    const transparent = await sharp({
      create: { width: 8, height: 8, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();

    const fromGrey = await readImage(grey);
    const fromTransparent = await readImage(transparent);

    expect(fromGrey.data.length).toBe(fromGrey.width * fromGrey.height * 3);
    expect([...fromTransparent.data.slice(0, 3)]).toEqual([255, 255, 255]);
  });

  it('should reject a text file with an error naming it', async () => {
    const path = join(dir, 'note.jpg');
    await writeFile(path, 'not a picture');

    const error = await readImage(path).catch((caught) => caught);

    expect(isGlimpseError(error)).toBe(true);
    expect(error.message).toContain(path);
  });

  it('should name bytes that are not a picture by the name given', async () => {
    const bytes = new TextEncoder().encode('not a picture');

    const error = await readImage(bytes, { name: 'upload.png' }).catch((caught) => caught);

    expect(isGlimpseError(error)).toBe(true);
    expect(error.message).toContain('upload.png');
  });
});

describe(cropImage.name, () => {
  const image = {
    width: 4,
    height: 3,
    data: Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => i),
  };

  it('should copy the pixels inside the box', () => {
    const crop = cropImage(image, [1, 1, 3, 3]);

    expect(crop).toMatchObject({ width: 2, height: 2 });
    // Pixel (1,1) starts at byte (1 * 4 + 1) * 3 = 15, pixel (1,2) at (2 * 4 + 1) * 3 = 27.
    expect([...crop.data]).toEqual([15, 16, 17, 18, 19, 20, 27, 28, 29, 30, 31, 32]);
  });

  it('should clip a box reaching outside the image', () => {
    expect(cropImage(image, [-5, -5, 2.5, 10])).toMatchObject({ width: 3, height: 3 });
  });
});
