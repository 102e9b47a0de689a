import { mkdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createLogger } from '../../logger.ts';
import { cutClip } from '../../media/clip.ts';
import { HttpError } from '../error-body.ts';
import { errorResponses, videoParamsSchema, type VideoParams } from '../route-schemas.ts';
import type { ServerContext } from '../server-options.ts';
import { getVideoOrFail } from './videos.ts';

const log = createLogger('ClipsApi');

/** Longest clip cut on request: longer ones are better downloaded as the whole video. */
const maxClipSeconds = 10 * 60;

interface ClipQuery {
  start: number;
  end: number;
}

/** Clips are cut and cached to the hundredth of a second, so one file serves one name. */
const roundToCentiseconds = (seconds: number) => Math.round(seconds * 100) / 100;

function checkClipRange(query: ClipQuery, duration: number): ClipQuery {
  const start = roundToCentiseconds(Math.max(0, query.start));
  const end = roundToCentiseconds(Math.min(duration, query.end));
  if (!(end > start)) {
    throw new HttpError(
      400,
      'BAD_CLIP_RANGE',
      `A clip from ${query.start} s to ${query.end} s is empty for a video of ${duration.toFixed(2)} s.`,
      'Give start < end, both within the video, in seconds.',
    );
  }
  if (end - start > maxClipSeconds) {
    const message = `A clip of ${(end - start).toFixed(0)} s is longer than ${maxClipSeconds} s.`;
    throw new HttpError(400, 'CLIP_TOO_LONG', message, 'Download the whole video instead.');
  }
  return { start, end };
}

/**
 * Cuts each clip once, even when the browser asks for it twice at the same time; cutClip
 * writes to a temporary name, so a clip file is complete whenever it exists.
 *
 * Known limit: different clips are cut in parallel without a cap, and cached clips stay until
 * their video is deleted, because the app asks for one clip per click; a client scripting
 * many ranges needs a cut queue and a size-bounded cache.
 */
function clipCutter() {
  const running = new Map<string, Promise<void>>();
  return async (input: string, range: ClipQuery, output: string) => {
    if (await stat(output).catch(() => undefined)) return;
    const pending = running.get(output) ?? cutClip({ input, ...range, output });
    running.set(output, pending);
    try {
      await pending;
    } finally {
      running.delete(output);
    }
  };
}

/** An attachment header that keeps non-ASCII names (RFC 6266) with an ASCII fallback. */
function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function registerClipRoutes(app: FastifyInstance, context: ServerContext): void {
  const cut = clipCutter();
  app.get<{ Params: VideoParams; Querystring: ClipQuery }>(
    '/api/videos/:videoId/clip',
    {
      schema: {
        tags: ['clips'],
        summary: 'A clip of a video from start to end (seconds), as an MP4 download',
        params: videoParamsSchema,
        querystring: {
          type: 'object',
          required: ['start', 'end'],
          properties: {
            start: { type: 'number', minimum: 0 },
            end: { type: 'number', minimum: 0 },
          },
        },
        produces: ['video/mp4'],
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const video = await getVideoOrFail(context, request.params.videoId);
      const range = checkClipRange(request.query, video.facts?.duration ?? Infinity);
      const folder = context.library.clipsDir(video.id);
      await mkdir(folder, { recursive: true });
      const fileName = `${range.start.toFixed(2)}-${range.end.toFixed(2)}.mp4`;
      const started = Date.now();
      await cut(video.path, range, join(folder, fileName));
      log.debug(
        `Clip ${fileName} of video ${video.id.slice(0, 12)} ready in ${Date.now() - started} ms`,
      );
      const stem = basename(video.fileName, extname(video.fileName));
      const downloadName = `${stem}-${range.start.toFixed(1)}-${range.end.toFixed(1)}s.mp4`;
      void reply.header('Content-Disposition', attachmentHeader(downloadName));
      return reply.sendFile(fileName, folder, { dotfiles: 'allow' });
    },
  );
}
