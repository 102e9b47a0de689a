import { runTool } from './ffmpeg-tools.ts';

/** How far before the claimed end a complete file must still have video packets, seconds. */
const END_TOLERANCE = 1;

/** How much before the claimed end the end check starts reading packets, seconds. */
const END_CHECK_SPAN = 3;

export interface ReadableVideoEndOptions {
  path: string;
  streamIndex: number;
  /** Where the container says the video stream ends, seconds from the container start. */
  claimedEnd: number | undefined;
  /** The container's start time: ffprobe's packet times are not shifted by it. */
  containerStart: number;
}

/**
 * Where the video stream's readable packets end, in seconds from the container start, or
 * undefined when no video packet can be read. A file cut short (an interrupted copy or
 * upload) often keeps a header that claims the full duration: this trusts the header only
 * when packets near its end are really there, and otherwise reads every packet's time.
 */
export async function readableVideoEnd(
  options: ReadableVideoEndOptions,
): Promise<number | undefined> {
  const { claimedEnd } = options;
  if (claimedEnd !== undefined) {
    const from = Math.max(0, claimedEnd - END_CHECK_SPAN);
    const endNearClaim = await lastPacketEnd(options, `${from.toFixed(3)}%`);
    if (endNearClaim !== undefined && endNearClaim >= claimedEnd - END_TOLERANCE) return claimedEnd;
  }
  return lastPacketEnd(options);
}

async function lastPacketEnd(
  options: ReadableVideoEndOptions,
  interval?: string,
): Promise<number | undefined> {
  const args = ['-v', 'quiet', '-select_streams', String(options.streamIndex)];
  if (interval) args.push('-read_intervals', interval);
  args.push('-show_entries', 'packet=pts_time,dts_time,duration_time', '-of', 'csv=p=0');
  const { stdout } = await runTool('ffprobe', [...args, options.path]);

  let end: number | undefined;
  for (const line of stdout.toString().split('\n')) {
    if (line.trim() === '') continue;
    const [pts, dts, duration] = line.split(',').map(Number);
    const start = Number.isFinite(pts) ? pts : dts;
    if (!Number.isFinite(start)) continue;
    const packetEnd = start - options.containerStart + (Number.isFinite(duration) ? duration : 0);
    end = end === undefined ? packetEnd : Math.max(end, packetEnd);
  }
  return end;
}
