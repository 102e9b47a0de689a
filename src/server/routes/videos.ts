import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { VideoRecord } from '../../catalog/catalog.ts';
import type { JobEvent } from '../../library/ingest-events.ts';
import { dataLayout } from '../data-layout.ts';
import { HttpError } from '../error-body.ts';
import { jobViewFromJob } from '../job-view.ts';
import {
  errorResponses,
  trackParamsSchema,
  videoParamsSchema,
  type TrackParams,
  type VideoParams,
} from '../route-schemas.ts';
import type { ServerContext } from '../server-options.ts';
import {
  trackView,
  trackViewSchema,
  videoViewFromJob,
  videoViewFromRecord,
  videoViewSchema,
  type VideoView,
} from '../video-view.ts';

export async function getVideoOrFail(
  context: ServerContext,
  videoId: string,
): Promise<VideoRecord> {
  const video = await context.library.getVideo(videoId);
  if (video) return video;
  throw videoNotFound(videoId);
}

function videoNotFound(videoId: string): HttpError {
  const hint = 'List the videos with GET /api/videos; the video may have been deleted.';
  return new HttpError(404, 'VIDEO_NOT_FOUND', `No video has the id ${videoId}.`, hint);
}

/** Latest analysis fraction per video, from the library's job events while the server runs. */
function followProgress(app: FastifyInstance, context: ServerContext): Map<string, number> {
  const fractions = new Map<string, number>();
  const follow = (event: JobEvent) => {
    if (!event.videoId) return;
    if (event.state === 'running') fractions.set(event.videoId, event.fraction);
    else fractions.delete(event.videoId);
  };
  context.library.events.on('job', follow);
  app.addHook('onClose', async () => void context.library.events.off('job', follow));
  return fractions;
}

async function listVideoViews(context: ServerContext, fractions: Map<string, number>) {
  const videos = await context.library.listVideos();
  const views: VideoView[] = videos.map((video) =>
    videoViewFromRecord(video, fractions.get(video.id)),
  );
  const known = new Set(videos.map((video) => video.id));
  const videosDir = dataLayout(context.dataDir).videos;
  const queued = await context.library.jobs.list({ states: ['queued'] });
  for (const job of queued.map((item) => jobViewFromJob(item, videosDir))) {
    if (job.videoId && !known.has(job.videoId)) {
      known.add(job.videoId);
      views.push(videoViewFromJob({ ...job, videoId: job.videoId }));
    }
  }
  return views;
}

/** A video ingested from a folder stays where it was; it may have been moved since. */
async function checkVideoFile(video: VideoRecord): Promise<void> {
  if (await stat(video.path).catch(() => undefined)) return;
  throw new HttpError(
    404,
    'VIDEO_FILE_MISSING',
    `The file of video "${video.fileName}" is no longer at ${video.path}.`,
    'Put the file back there, or delete the video and add it again from where it is now.',
  );
}

export function registerVideoRoutes(app: FastifyInstance, context: ServerContext): void {
  const fractions = followProgress(app, context);
  const tags = ['videos'];

  app.get(
    '/api/videos',
    {
      schema: {
        tags,
        summary: 'Every video with its analysis status, duration and number of tracks',
        response: {
          200: {
            type: 'object',
            properties: { videos: { type: 'array', items: videoViewSchema } },
          },
        },
      },
    },
    async () => ({ videos: await listVideoViews(context, fractions) }),
  );

  app.get<{ Params: VideoParams }>(
    '/api/videos/:videoId',
    {
      schema: {
        tags,
        summary: 'One video with its tracks',
        params: videoParamsSchema,
        response: {
          200: {
            type: 'object',
            properties: {
              video: videoViewSchema,
              tracks: { type: 'array', items: trackViewSchema },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const video = await getVideoOrFail(context, request.params.videoId);
      const tracks = await context.library.getTracks(video.id);
      return {
        video: videoViewFromRecord(video, fractions.get(video.id)),
        tracks: tracks.map(trackView),
      };
    },
  );

  app.delete<{ Params: VideoParams }>(
    '/api/videos/:videoId',
    {
      schema: {
        tags,
        summary:
          'Delete a video with its tracks, embeddings, thumbnails, clips and stored file; a ' +
          'queued or running analysis of it is cancelled',
        params: videoParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { videoId } = request.params;
      // A queued upload has no catalog row yet: the library cancels its job and drops its file.
      if (!(await context.library.deleteVideo(videoId))) throw videoNotFound(videoId);
      return reply.status(204).send();
    },
  );

  app.get<{ Params: VideoParams }>(
    '/api/videos/:videoId/file',
    {
      schema: {
        tags,
        summary: 'The video file, with HTTP range requests so a player can seek',
        params: videoParamsSchema,
        produces: ['video/*'],
      },
    },
    async (request, reply) => {
      const video = await getVideoOrFail(context, request.params.videoId);
      await checkVideoFile(video);
      return reply.sendFile(basename(video.path), dirname(video.path), {
        acceptRanges: true,
        cacheControl: false,
        dotfiles: 'allow',
      });
    },
  );

  app.get<{ Params: TrackParams }>(
    '/api/videos/:videoId/tracks/:track/thumbnail',
    {
      schema: {
        tags,
        summary: 'The best picture of a track (JPEG)',
        params: trackParamsSchema,
        produces: ['image/jpeg'],
      },
    },
    async (request, reply) => {
      const { videoId, track } = request.params;
      const path = context.library.thumbnailPath(videoId, track);
      if (!(await stat(path).catch(() => undefined))) {
        const message = `Video ${videoId} has no thumbnail for track ${track}.`;
        const hint =
          'The video may still be analysing, or it has fewer tracks; see GET /api/videos/:videoId.';
        throw new HttpError(404, 'TRACK_NOT_FOUND', message, hint);
      }
      return reply.sendFile(basename(path), dirname(path), { maxAge: '1h', dotfiles: 'allow' });
    },
  );
}
