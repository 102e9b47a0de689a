import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RgbImage } from '../../media/frame.ts';
import { readImage } from '../../media/image.ts';

const run = promisify(execFile);

/** A file of the team's shared test data (../shared/data). */
export function sharedData(...parts: string[]): string {
  return join(process.env.GLIMPSE_SHARED_DATA!, ...parts);
}

/** A model file of the team's shared models folder. */
export function sharedModel(file: string): string {
  return join(process.env.GLIMPSE_MODELS!, file);
}

/** Decodes a photo to packed RGB as the product does (upright, grey photos as RGB). */
export function readPicture(path: string): Promise<RgbImage> {
  return readImage(path);
}

/** Decodes the frame with the given index of a video to packed RGB with ffmpeg. */
export async function readVideoFrame(path: string, index: number): Promise<RgbImage> {
  const probe = await run('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v:0'],
    ...['-show_entries', 'stream=width,height', '-of', 'csv=p=0', path],
  ]);
  const [width, height] = probe.stdout.trim().split(',').map(Number);
  const { stdout } = await run(
    'ffmpeg',
    [
      ...['-v', 'error', '-i', path, '-vf', `select=eq(n\\,${index})`],
      ...['-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
    ],
    { encoding: 'buffer', maxBuffer: width * height * 3 + 1024 },
  );
  if (stdout.length !== width * height * 3) throw new Error(`${path} frame ${index} is incomplete`);
  return { width, height, data: new Uint8Array(stdout) };
}
