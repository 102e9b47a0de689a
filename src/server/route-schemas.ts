import { errorBodySchema } from './error-body.ts';

export const videoIdSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;

export const videoParamsSchema = {
  type: 'object',
  required: ['videoId'],
  properties: { videoId: videoIdSchema },
} as const;

export const trackParamsSchema = {
  type: 'object',
  required: ['videoId', 'track'],
  properties: { videoId: videoIdSchema, track: { type: 'integer', minimum: 1 } },
} as const;

/** Error answers every route may give, for the OpenAPI document. */
export const errorResponses = {
  400: errorBodySchema,
  404: errorBodySchema,
} as const;

export interface VideoParams {
  videoId: string;
}

export interface TrackParams extends VideoParams {
  track: number;
}
