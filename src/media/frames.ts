import type { VideoFacts } from '../analysis/result.ts';
import { GlimpseError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { decodeArgs } from './decode-args.ts';
import { spawnTool, stderrTail, waitForExit } from './ffmpeg-tools.ts';
import { fixedChunks } from './fixed-chunks.ts';
import type { Frame } from './frame.ts';
import { fitFrameSize } from './frame-size.ts';
import { DecodeLog } from './decode-log.ts';

const log = createLogger('frames');

export interface DecodeFramesOptions {
  /** Frames sampled per second: the first frame at or after each multiple of 1/fps. */
  fps: number;
  /** Longest side of the frames in pixels; frames are shrunk to fit, never enlarged. */
  maxSide?: number;
  /** The video's probe result: displayed size and rotation. */
  facts: VideoFacts;
  signal?: AbortSignal;
}

/**
 * Decodes sampled frames of a video with ffmpeg, one at a time, each with the time a player
 * shows it at. ffmpeg runs only while the frames are being read: breaking out of the loop or
 * aborting the signal ends it.
 */
export async function* decodeFrames(
  path: string,
  options: DecodeFramesOptions,
): AsyncGenerator<Frame> {
  options.signal?.throwIfAborted();
  const { facts } = options;
  const size = fitFrameSize(facts, options.maxSide);
  const args = decodeArgs({ path, fps: options.fps, size, rotation: facts.rotation });
  const child = spawnTool('ffmpeg', args);
  const exited = waitForExit(child, 'ffmpeg');
  exited.catch(() => undefined);
  const ffmpegLog = new DecodeLog(child.stderr, path);
  const kill = () => child.kill('SIGKILL');
  options.signal?.addEventListener('abort', kill, { once: true });

  const started = performance.now();
  let index = 0;
  let leftover = 0;
  try {
    const frameBytes = size.width * size.height * 3;
    for await (const data of fixedChunks(child.stdout, frameBytes, (bytes) => (leftover = bytes))) {
      const t = await ffmpegLog.timeOf(index);
      if (t === undefined) {
        options.signal?.throwIfAborted();
        throw decodeError(path, 'a frame came without its time', ffmpegLog);
      }
      yield { index, t, width: size.width, height: size.height, data, scale: size.scale };
      index += 1;
    }

    const code = await exited;
    options.signal?.throwIfAborted();
    if (code !== 0) throw decodeError(path, `ffmpeg exited with code ${code}`, ffmpegLog);
    if (leftover > 0) throw decodeError(path, 'ffmpeg stopped inside a frame', ffmpegLog);
    logDamage(path, ffmpegLog);
    const seconds = (performance.now() - started) / 1000;
    log.debug(`Decoded ${index} frames of ${path} in ${seconds.toFixed(2)} s.`);
  } finally {
    options.signal?.removeEventListener('abort', kill);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

function decodeError(path: string, what: string, ffmpegLog: DecodeLog): GlimpseError {
  const detail = stderrTail(ffmpegLog.tail(), { path });
  return new GlimpseError(`Decoding ${path} failed: ${what}${detail ? ` (${detail})` : ''}.`, {
    code: 'DECODE_FAILED',
    hint:
      'The video may be damaged or in a format this ffmpeg cannot decode; ' +
      'try exporting it again as H.264 mp4.',
  });
}

/** ffmpeg conceals or skips damaged data and goes on: say so once rather than fail the video. */
function logDamage(path: string, ffmpegLog: DecodeLog): void {
  const { count, first } = ffmpegLog.damage;
  if (count === 0) return;
  const example = stderrTail(first, { path });
  log.warn(`ffmpeg reported ${count} problems decoding ${path} and concealed them: ${example}`);
}
