import type { FastifyInstance, FastifyRequest } from 'fastify';
import { searchByPhoto, searchByTrack, type SearchAnswer } from '../../search/search.ts';
import { HttpError } from '../error-body.ts';
import { momentViews, momentViewSchema } from '../moment-view.ts';
import { checkPhoto, photoContentTypes } from '../photo-body.ts';
import { faceViews, faceViewSchema } from '../photo-faces.ts';
import { errorResponses, videoIdSchema } from '../route-schemas.ts';
import type { ServerContext } from '../server-options.ts';

interface PhotoQuery {
  face?: number;
  minScore?: number;
}

interface TrackQueryBody {
  videoId: string;
  trackId: number;
  minScore?: number;
}

const answerSchema = {
  type: 'object',
  properties: {
    query: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['face', 'body'] },
        faceIndex: { type: ['integer', 'null'] },
        minScore: { type: 'number' },
        note: { type: ['string', 'null'] },
      },
    },
    faces: { type: 'array', items: faceViewSchema },
    moments: { type: 'array', items: momentViewSchema },
  },
} as const;

/** The answer's query and moments as the browser needs them; the route adds the faces. */
async function answerView(answer: SearchAnswer, getVideo: Parameters<typeof momentViews>[1]) {
  const { query } = answer;
  return {
    query: {
      kind: query.kind,
      faceIndex: query.chosenFace ?? null,
      minScore: query.minScore,
      note: query.note ?? null,
    },
    moments: await momentViews(answer.moments, getVideo),
  };
}

/** A track query is a video id and a track number; anything much longer is not one. */
const trackQueryMaxBytes = 4096;

function requester(request: FastifyRequest): string {
  return `http:${request.ip}`;
}

function photoTooLarge(maxPhotoBytes: number): HttpError {
  const limit = `${Math.round(maxPhotoBytes / 1024 ** 2)} MiB`;
  const hint = `Send a photo of at most ${limit}; a crop around the person is enough.`;
  return new HttpError(413, 'PHOTO_TOO_LARGE', 'The photo is too large.', hint);
}

export function registerSearchRoutes(app: FastifyInstance, context: ServerContext): void {
  const { library } = context;

  app.register(async (scope) => {
    scope.addContentTypeParser(
      photoContentTypes,
      { parseAs: 'buffer', bodyLimit: context.maxPhotoBytes },
      (_request, body, done) => done(null, body),
    );
    // Thrown errors go on to the app's error handler, which answers them as JSON.
    scope.setErrorHandler((error) => {
      if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        throw photoTooLarge(context.maxPhotoBytes);
      }
      throw error;
    });

    scope.post<{ Querystring: PhotoQuery }>(
      '/api/search',
      {
        schema: {
          tags: ['search'],
          summary: 'Search by photo: the faces found in it, and the moments of the chosen person',
          description:
            'The request body is the photo (image/jpeg, image/png, image/webp). `face` picks one ' +
            "of the faces found (default: the largest). Without a usable face, the person's " +
            'body is searched for and `query.kind` is "body".',
          consumes: photoContentTypes,
          querystring: {
            type: 'object',
            properties: {
              face: { type: 'integer', minimum: 0 },
              minScore: { type: 'number', minimum: 0, maximum: 1 },
            },
          },
          response: {
            200: answerSchema,
            ...errorResponses,
            413: errorResponses[400],
            415: errorResponses[400],
          },
        },
      },
      async (request) => {
        const photo = await checkPhoto(request.body);
        const { face, minScore } = request.query;
        const answer = await searchByPhoto(library, {
          photo,
          face,
          minScore,
          requester: requester(request),
        });
        return {
          ...(await answerView(answer, (id) => library.getVideo(id))),
          faces: await faceViews(photo, answer.query.faces),
        };
      },
    );
  });

  app.post<{ Body: TrackQueryBody }>(
    '/api/search/track',
    {
      bodyLimit: trackQueryMaxBytes,
      schema: {
        tags: ['search'],
        summary: 'Find more like this: the moments of the person of an existing track',
        body: {
          type: 'object',
          required: ['videoId', 'trackId'],
          properties: {
            videoId: videoIdSchema,
            trackId: { type: 'integer', minimum: 1 },
            minScore: { type: 'number', minimum: 0, maximum: 1 },
          },
        },
        response: { 200: answerSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { videoId, trackId, minScore } = request.body;
      const answer = await searchByTrack(library, {
        videoId,
        trackId,
        minScore,
        requester: requester(request),
      });
      return { ...(await answerView(answer, (id) => library.getVideo(id))), faces: [] };
    },
  );
}
