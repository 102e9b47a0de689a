import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GlimpseError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { runTool, stderrTail } from './ffmpeg-tools.ts';
import { assertNonEmptyFile } from './input-file.ts';

const log = createLogger('clip');

export interface CutClipOptions {
  /** The source video. */
  input: string;
  /** Seconds from the start of the video, as a player shows it. */
  start: number;
  end: number;
  /** Where the MP4 goes; it appears there only once complete. */
  output: string;
  signal?: AbortSignal;
}

/**
 * Cuts [start, end) of a video into an MP4 that plays in any browser: H.264 (and AAC when
 * the video has sound), index at the front. Re-encoded so the cut is exact to the frame.
 */
export async function cutClip(options: CutClipOptions): Promise<void> {
  const { input, start, end, output } = options;
  if (!(start >= 0 && end > start)) {
    throw new GlimpseError(`Cannot cut ${input} from ${start} s to ${end} s.`, {
      code: 'BAD_CLIP_RANGE',
      hint: 'Give a start of 0 or more and an end after the start, in seconds.',
    });
  }
  await assertNonEmptyFile(input, 'video');

  const partial = join(
    dirname(output),
    `.${basename(output)}.${randomBytes(4).toString('hex')}.part`,
  );
  const started = performance.now();
  try {
    const result = await runTool('ffmpeg', clipArgs({ ...options, output: partial }), options);
    if (result.code !== 0) {
      throw new GlimpseError(
        `Cutting a clip of ${input} failed (${stderrTail(result.stderr, { path: input })}).`,
        {
          code: 'CLIP_FAILED',
          hint: 'Check that the video still plays and that the clip folder has free space.',
        },
      );
    }
    await rename(partial, output);
  } finally {
    await rm(partial, { force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  log.debug(
    `Cut ${(end - start).toFixed(2)} s of ${input} into ${output} in ${seconds.toFixed(2)} s.`,
  );
}

function clipArgs(options: CutClipOptions): string[] {
  return [
    ...['-nostdin', '-hide_banner', '-nostats', '-loglevel', 'error'],
    // Seeking before the input is exact when re-encoding, and fast: it starts decoding at the
    // key frame before `start` rather than at the beginning.
    ...[
      '-ss',
      options.start.toFixed(6),
      '-i',
      options.input,
      '-t',
      (options.end - options.start).toFixed(6),
    ],
    ...['-map', '0:V:0', '-map', '0:a:0?'],
    // H.264 in 4:2:0 needs even sides.
    ...['-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2', '-fps_mode', 'vfr'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '23', '-pix_fmt', 'yuv420p'],
    ...['-c:a', 'aac', '-b:a', '128k'],
    ...['-movflags', '+faststart', '-f', 'mp4', '-y', options.output],
  ];
}
