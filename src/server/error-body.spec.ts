import { describe, expect, it } from 'vitest';
import { GlimpseError } from '../errors.ts';
import { describeError, HttpError } from './error-body.ts';

describe(describeError.name, () => {
  it('should keep the message and hint of a GlimpseError, with a status for its code', () => {
    const error = new GlimpseError('No video in the library matches "abcd".', {
      code: 'VIDEO_NOT_FOUND',
      hint: 'List the videos.',
    });

    expect(describeError(error)).toEqual({
      statusCode: 404,
      body: {
        error: {
          code: 'VIDEO_NOT_FOUND',
          message: 'No video in the library matches "abcd".',
          hint: 'List the videos.',
        },
      },
    });
  });

  it('should answer 400 for a photo with nothing to search for', () => {
    const error = new GlimpseError('No face or person found.', { code: 'NOTHING_TO_SEARCH' });
    expect(describeError(error).statusCode).toBe(400);
  });

  it('should answer 503 when a model file is missing, a server problem', () => {
    const error = new GlimpseError('The face-detector model file is missing.', {
      code: 'MODEL_MISSING',
      hint: 'Run glimpse models pull.',
    });
    expect(describeError(error).statusCode).toBe(503);
  });

  it('should pass an HttpError through as it is', () => {
    const error = new HttpError(415, 'NOT_A_VIDEO', 'Not a video.', 'Upload a video.');
    expect(describeError(error)).toEqual({ statusCode: 415, body: error.toBody() });
  });

  it('should hide the details of an unexpected error', () => {
    const { statusCode, body } = describeError(new Error('SQLITE_CORRUPT at /home/x/catalog'));
    expect(statusCode).toBe(500);
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).not.toContain('SQLITE');
  });
});
