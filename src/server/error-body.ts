import { isGlimpseError } from '../errors.ts';

/** The one shape of every error the API sends: what failed and what to do about it. */
export interface ErrorBody {
  error: { code: string; message: string; hint?: string };
}

export const errorBodySchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        hint: { type: 'string' },
      },
    },
  },
} as const;

/** An error answer with its HTTP status, thrown by routes and turned into JSON by the app. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toBody(): ErrorBody {
    return errorBody(this.code, this.message, this.hint);
  }
}

export function errorBody(code: string, message: string, hint?: string): ErrorBody {
  return { error: hint ? { code, message, hint } : { code, message } };
}

/** Status codes for the GlimpseError codes the library raises on bad input. */
const statusByCode: Record<string, number> = {
  NOT_FOUND: 404,
  VIDEO_NOT_FOUND: 404,
  TRACK_NOT_FOUND: 404,
  NO_FACE: 400,
  NO_SUCH_FACE: 400,
  FACE_TOO_SMALL: 400,
  NOTHING_TO_SEARCH: 400,
  BAD_MIN_SCORE: 400,
  BAD_CLIP_RANGE: 400,
  PHOTO_UNREADABLE: 400,
  NO_PERSON: 400,
  BAD_INPUT: 400,
  INVALID_INPUT: 400,
  UNSUPPORTED_MEDIA: 415,
  NOT_A_VIDEO: 415,
  NOT_AN_IMAGE: 415,
  CONFLICT: 409,
  // The server lacks a model file: its operator, not the request, has to act.
  MODEL_MISSING: 503,
};

/** Codes of the framework's errors about a request, as the API names them. */
const requestErrorCodes: Record<string, string> = {
  FST_ERR_VALIDATION: 'INVALID_INPUT',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

function statusForGlimpseCode(code: string): number {
  if (statusByCode[code]) return statusByCode[code];
  if (code.endsWith('NOT_FOUND')) return 404;
  if (code.startsWith('NO_') || code.startsWith('INVALID') || code.startsWith('BAD_')) return 400;
  return 422;
}

/** Maps any thrown value to a status and an ErrorBody; unknown errors hide their details. */
export function describeError(error: unknown): { statusCode: number; body: ErrorBody } {
  if (error instanceof HttpError) return { statusCode: error.statusCode, body: error.toBody() };
  if (isGlimpseError(error)) {
    const body = errorBody(error.code, error.message, error.hint);
    return { statusCode: statusForGlimpseCode(error.code), body };
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  const statusCode = fastifyError.statusCode ?? 500;
  if (statusCode >= 500) {
    const hint = 'Look at the server log for details, then try again.';
    return {
      statusCode,
      body: errorBody('INTERNAL', 'Glimpse failed to answer this request.', hint),
    };
  }
  if (statusCode === 416) {
    const hint = 'Ask for a byte range inside the file; the Content-Range header gives its size.';
    return {
      statusCode,
      body: errorBody('RANGE_NOT_SATISFIABLE', 'The byte range is outside the file.', hint),
    };
  }
  const code = requestErrorCodes[fastifyError.code ?? ''] ?? 'BAD_REQUEST';
  const message = fastifyError.message ?? 'Bad request.';
  return {
    statusCode,
    body: errorBody(code, message, 'See /openapi.json for what each route takes.'),
  };
}
