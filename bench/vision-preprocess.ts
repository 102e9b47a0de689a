// Compares two ways of turning a 1280×720 frame into YOLOX's 416×416 input tensor:
// bilinear resize in plain JS straight into the tensor, or sharp's resize then a copy.
// Run: node bin/run.js bench/vision-preprocess.ts
import sharp from 'sharp';
import type { RgbImage } from '../src/media/frame.ts';
import { letterbox, type PixelNormalisation } from '../src/vision/image-tensor.ts';

const BGR: PixelNormalisation = { channelOrder: 'bgr', mean: [0, 0, 0], std: [1, 1, 1] };
const SIZE = 416;
const ROUNDS = 200;

function syntheticFrame(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 10)) & 255;
  return { width, height, data };
}

async function viaSharp(frame: RgbImage): Promise<Float32Array> {
  const scale = Math.min(SIZE / frame.width, SIZE / frame.height);
  const width = Math.round(frame.width * scale);
  const height = Math.round(frame.height * scale);
  const resized = await sharp(frame.data, {
    raw: { width: frame.width, height: frame.height, channels: 3 },
  })
    .resize(width, height, { kernel: 'linear', fit: 'fill' })
    .raw()
    .toBuffer();
  const tensor = new Float32Array(3 * SIZE * SIZE).fill(114);
  const plane = SIZE * SIZE;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const o = y * SIZE + x;
      tensor[o] = resized[i + 2];
      tensor[plane + o] = resized[i + 1];
      tensor[2 * plane + o] = resized[i];
    }
  }
  return tensor;
}

/** Runs the candidates in turn, round after round, so that other load hits them alike. */
async function compare(candidates: Record<string, () => unknown>): Promise<void> {
  const samples: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS + 20; round++) {
    for (const [name, run] of Object.entries(candidates)) {
      const started = performance.now();
      await run();
      if (round >= 20) (samples[name] ??= []).push(performance.now() - started);
    }
  }
  for (const [name, times] of Object.entries(samples)) {
    const sorted = times.sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1].toFixed(2);
    console.log(`${name}: median ${median} ms, min ${sorted[0].toFixed(2)} ms per frame`);
  }
}

const frame = syntheticFrame(1280, 720);
sharp.concurrency(1);
await compare({
  'plain JS bilinear into the tensor': () =>
    letterbox(frame, { width: SIZE, height: SIZE, normalisation: BGR, padValue: 114 }),
  'sharp resize (linear) + copy into the tensor': () => viaSharp(frame),
});
