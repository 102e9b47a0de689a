import { z } from 'zod';
import { GlimpseError } from '../errors.ts';
import { runTool, stderrTail } from './ffmpeg-tools.ts';

const streamSchema = z.object({
  index: z.number(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  sample_aspect_ratio: z.string().optional(),
  r_frame_rate: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  start_time: z.string().optional(),
  duration: z.string().optional(),
  nb_frames: z.string().optional(),
  disposition: z.object({ attached_pic: z.number().optional() }).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  side_data_list: z
    .array(z.object({ side_data_type: z.string().optional(), rotation: z.number().optional() }))
    .optional(),
});

const outputSchema = z.object({
  streams: z.array(streamSchema).default([]),
  format: z.object({
    format_name: z.string(),
    start_time: z.string().optional(),
    duration: z.string().optional(),
  }),
});

export type FfprobeStream = z.infer<typeof streamSchema>;
export type FfprobeOutput = z.infer<typeof outputSchema>;

/** Runs ffprobe on a file and returns its container and stream description. */
export async function readFfprobeOutput(path: string): Promise<FfprobeOutput> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path];
  const result = await runTool('ffprobe', args);
  const parsed = result.code === 0 ? parseJson(result.stdout.toString()) : undefined;
  const output = outputSchema.safeParse(parsed);
  if (output.success) return output.data;

  const reason =
    stderrTail(result.stderr, { lines: 2, path }) || 'ffprobe found no container it knows';
  throw new GlimpseError(`${path} could not be read as a video (${reason}).`, {
    code: 'NOT_A_VIDEO',
    hint:
      'Check that it is a complete video file (mp4, mov, mkv, webm, avi, gif…); ' +
      'if it was copied or uploaded, copy it again.',
  });
}

/** A number from ffprobe's text fields, undefined for "N/A" and absent values. */
export function ffprobeNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** A ratio written "30000/1001" or "4:3", undefined when it is missing or 0. */
export function ffprobeRatio(value: string | undefined): number | undefined {
  const match = value?.match(/^(\d+(?:\.\d+)?)[/:](\d+(?:\.\d+)?)$/);
  if (!match) return undefined;
  const ratio = Number(match[1]) / Number(match[2]);
  return Number.isFinite(ratio) && ratio > 0 ? ratio : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
