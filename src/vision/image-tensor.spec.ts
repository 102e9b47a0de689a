import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../media/frame.ts';
import { imageToTensor, letterbox, type PixelNormalisation } from './image-tensor.ts';

const RAW_RGB: PixelNormalisation = { channelOrder: 'rgb', mean: [0, 0, 0], std: [1, 1, 1] };
const RAW_BGR: PixelNormalisation = { ...RAW_RGB, channelOrder: 'bgr' };

function uniformImage(width: number, height: number, rgb: [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) data.set(rgb, i);
  return { width, height, data };
}

/** A horizontal ramp: red = x, green = y, blue = 0. */
function rampImage(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([x, y, 0], (y * width + x) * 3);
  }
  return { width, height, data };
}

describe('imageToTensor', () => {
  it('should write planes in the model channel order', () => {
    const image = uniformImage(4, 4, [10, 20, 30]);

    const rgb = imageToTensor(image, { width: 2, height: 2, normalisation: RAW_RGB });
    const bgr = imageToTensor(image, { width: 2, height: 2, normalisation: RAW_BGR });

    expect([rgb[0], rgb[4], rgb[8]]).toEqual([10, 20, 30]);
    expect([bgr[0], bgr[4], bgr[8]]).toEqual([30, 20, 10]);
  });

  it('should normalise with the mean and standard deviation of each channel', () => {
    const image = uniformImage(2, 2, [255, 0, 128]);
    const normalisation: PixelNormalisation = {
      channelOrder: 'rgb',
      mean: [127.5, 0, 128],
      std: [127.5, 1, 2],
    };

    const tensor = imageToTensor(image, { width: 1, height: 1, normalisation });

    expect(Array.from(tensor)).toEqual([1, 0, 0]);
  });

  it('should sample pixel centres when resizing (halving averages pixel pairs)', () => {
    const tensor = imageToTensor(rampImage(8, 2), { width: 4, height: 1, normalisation: RAW_RGB });

    expect(Array.from(tensor.subarray(0, 4))).toEqual([0.5, 2.5, 4.5, 6.5]);
    expect(tensor[4]).toBeCloseTo(0.5);
  });

  it('should stretch a region of the image over the whole tensor', () => {
    const image = rampImage(100, 10);

    const tensor = imageToTensor(image, {
      width: 10,
      height: 1,
      region: [40, 0, 50, 10],
      normalisation: RAW_RGB,
    });

    expect(Array.from(tensor.subarray(0, 10))).toEqual([40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
  });

  it('should write into a batch tensor at an offset', () => {
    const target = new Float32Array(2 * 3);

    imageToTensor(uniformImage(1, 1, [1, 2, 3]), {
      width: 1,
      height: 1,
      normalisation: RAW_RGB,
      target,
    });
    imageToTensor(uniformImage(1, 1, [4, 5, 6]), {
      width: 1,
      height: 1,
      normalisation: RAW_RGB,
      target,
      offset: 3,
    });

    expect(Array.from(target)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('letterbox', () => {
  it('should keep the aspect ratio at the top-left and pad the rest', () => {
    const image = uniformImage(200, 100, [50, 50, 50]);

    const { tensor, scale } = letterbox(image, {
      width: 10,
      height: 10,
      normalisation: RAW_RGB,
      padValue: 114,
    });

    expect(scale).toBe(0.05);
    expect(tensor[4 * 10 + 9]).toBe(50);
    expect(tensor[5 * 10]).toBe(114);
    expect(tensor[9 * 10 + 9]).toBe(114);
  });
});
