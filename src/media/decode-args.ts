import type { FrameSize } from './frame-size.ts';

/** Slack for comparing frame times with sampling times, so 0.2 s counts as at or after 0.2. */
const TIME_EPSILON = 1e-6;

export interface DecodeArgsOptions {
  path: string;
  /** Sampled frames per second. */
  fps: number;
  /** Size of the frames written, as displayed (after rotation). */
  size: FrameSize;
  /** Clockwise degrees the player turns the stored picture: 0, 90, 180 or 270. */
  rotation: number;
}

/**
 * ffmpeg arguments that write sampled frames of the first video stream to stdout as raw
 * RGB24 and log each one's presentation time (showinfo) to stderr, in the same order.
 * Frames keep their own timestamps (no frame rate conversion), so variable frame rate,
 * a late first frame and GIF delays come through as they are.
 */
export function decodeArgs(options: DecodeArgsOptions): string[] {
  const filters = [
    sampleFilter(options.fps),
    scaleFilter(options.size, options.rotation),
    ...rotateFilters(options.rotation),
    'format=rgb24',
    'showinfo=checksum=0',
  ];
  return [
    ...['-nostdin', '-hide_banner', '-nostats', '-loglevel', 'info'],
    // Rotation is applied after sampling and scaling, on far fewer and smaller frames.
    ...['-noautorotate', '-i', options.path, '-map', '0:V:0'],
    ...['-vf', filters.join(','), '-fps_mode', 'passthrough'],
    ...['-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1'],
  ];
}

/**
 * Keeps the first frame at or after each multiple of 1/fps. Variable 0 holds the next
 * sampling time; `st` returns it, and being positive it also selects the frame.
 */
export function sampleFilter(fps: number): string {
  if (!(fps > 0)) throw new RangeError(`Sampling fps must be positive, got ${fps}.`);
  const e = TIME_EPSILON;
  return `select='if(gte(t+${e},ld(0)),st(0,(floor((t+${e})*${fps})+1)/${fps}),0)'`;
}

function scaleFilter(size: FrameSize, rotation: number): string {
  const turned = rotation === 90 || rotation === 270;
  const width = turned ? size.height : size.width;
  const height = turned ? size.width : size.height;
  return `scale=${width}:${height}:flags=bilinear`;
}

function rotateFilters(rotation: number): string[] {
  if (rotation === 90) return ['transpose=clock'];
  if (rotation === 180) return ['hflip', 'vflip'];
  if (rotation === 270) return ['transpose=cclock'];
  return [];
}
