import type { VideoFacts } from '../analysis/result.ts';
import { GlimpseError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import {
  ffprobeNumber,
  ffprobeRatio,
  readFfprobeOutput,
  type FfprobeOutput,
  type FfprobeStream,
} from './ffprobe-output.ts';
import { assertNonEmptyFile } from './input-file.ts';
import { readableVideoEnd } from './readable-video-end.ts';

const log = createLogger('probe');

/** r_frame_rate and avg_frame_rate differing by more than this share means frame rate varies. */
const VARIABLE_FRAME_RATE_TOLERANCE = 0.02;

/**
 * What a player would show of a video: duration, frame rate, displayed size (rotation and
 * pixel aspect applied), codec and container. Fails with a GlimpseError naming the file for
 * anything that is not a playable video.
 */
export async function probeVideo(path: string): Promise<VideoFacts> {
  await assertNonEmptyFile(path, 'video');
  const output = await readFfprobeOutput(path);
  const stream = pickVideoStream(path, output);
  const rotation = clockwiseRotation(stream);
  const size = displayedSize(stream, rotation);
  const duration = await playableDuration(path, output, stream);
  const fps = averageFps(stream, duration);

  return {
    duration,
    fps,
    width: size.width,
    height: size.height,
    rotation,
    codec: stream.codec_name ?? 'unknown',
    format: output.format.format_name,
    variableFrameRate: isVariableFrameRate(output, stream),
  };
}

function pickVideoStream(path: string, output: FfprobeOutput): FfprobeStream {
  const format = output.format.format_name;
  if (format === 'image2' || format.endsWith('_pipe')) {
    throw new GlimpseError(`${path} is a still image, not a video.`, {
      code: 'STILL_IMAGE',
      hint:
        'Use a photo as a search query instead; ' +
        'add videos (mp4, mov, mkv, webm, avi, gif…) to the library.',
    });
  }
  const stream = output.streams.find(
    (candidate) =>
      candidate.codec_type === 'video' &&
      !candidate.disposition?.attached_pic &&
      (candidate.width ?? 0) > 0 &&
      (candidate.height ?? 0) > 0,
  );
  if (!stream) {
    throw new GlimpseError(`${path} has no video stream (${format}).`, {
      code: 'NO_VIDEO_STREAM',
      hint: 'It holds only sound or data; give a file with pictures in it.',
    });
  }
  return stream;
}

/**
 * Degrees clockwise a player turns the stored picture.
 * Known limit: a mirrored display matrix is read as its rotation only, because VideoFacts
 * has no flip; such files are rare (some front cameras) and would decode mirrored.
 */
function clockwiseRotation(stream: FfprobeStream): number {
  const matrix = stream.side_data_list?.find((data) => data.side_data_type === 'Display Matrix');
  // ffprobe reports the display matrix angle counterclockwise; the old `rotate` tag is clockwise.
  if (matrix?.rotation !== undefined) return normaliseRotation(-matrix.rotation);
  const tag = ffprobeNumber(stream.tags?.rotate);
  return tag === undefined ? 0 : normaliseRotation(tag);
}

function normaliseRotation(degrees: number): number {
  return (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
}

function displayedSize(stream: FfprobeStream, rotation: number) {
  const pixelAspect = ffprobeRatio(stream.sample_aspect_ratio) ?? 1;
  const width = Math.round((stream.width ?? 0) * pixelAspect);
  const height = stream.height ?? 0;
  return rotation % 180 === 0 ? { width, height } : { width: height, height: width };
}

async function playableDuration(
  path: string,
  output: FfprobeOutput,
  stream: FfprobeStream,
): Promise<number> {
  const containerStart = ffprobeNumber(output.format.start_time) ?? 0;
  const containerDuration = ffprobeNumber(output.format.duration);
  const streamStart = ffprobeNumber(stream.start_time);
  const streamDuration = ffprobeNumber(stream.duration);
  const claimedEnd =
    streamStart !== undefined && streamDuration !== undefined
      ? streamStart - containerStart + streamDuration
      : containerDuration;

  const end = await readableVideoEnd({
    path,
    streamIndex: stream.index,
    claimedEnd,
    containerStart,
  });
  if (end === undefined || end <= 0) {
    throw new GlimpseError(`${path} has a video stream but no readable frames.`, {
      code: 'NO_READABLE_FRAMES',
      hint: 'The file is probably cut short or damaged; copy or export it again.',
    });
  }
  // Without a duration in the header (recorders often write none) the packets are the truth.
  if (claimedEnd === undefined) return end;
  if (end === claimedEnd) return Math.max(containerDuration ?? 0, end);

  log.warn(
    { path, claimedEnd, readableEnd: end },
    `Video ${path} is incomplete: its header claims ${claimedEnd?.toFixed(2) ?? 'no'} s, ` +
      `frames are readable up to ${end.toFixed(2)} s; using that.`,
  );
  return end;
}

function averageFps(stream: FfprobeStream, duration: number): number {
  const average = ffprobeRatio(stream.avg_frame_rate);
  if (average !== undefined) return average;
  const frames = ffprobeNumber(stream.nb_frames);
  if (frames !== undefined && duration > 0) return frames / duration;
  return ffprobeRatio(stream.r_frame_rate) ?? 0;
}

function isVariableFrameRate(output: FfprobeOutput, stream: FfprobeStream): boolean {
  // GIF frames each carry their own delay, so their rate is never known to be constant.
  if (output.format.format_name === 'gif') return true;
  const base = ffprobeRatio(stream.r_frame_rate);
  const average = ffprobeRatio(stream.avg_frame_rate);
  if (base === undefined || average === undefined) return true;
  return Math.abs(base - average) / average > VARIABLE_FRAME_RATE_TOLERANCE;
}
