import { FileStore } from '@tus/file-store';
import { Server as TusServer, type Upload } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createLogger } from '../../logger.ts';
import { dataLayout } from '../data-layout.ts';
import { errorBody, HttpError } from '../error-body.ts';
import { acceptUpload, checkVideoName } from '../upload-intake.ts';
import type { ServerContext } from '../server-options.ts';

const log = createLogger('Uploads');

/** Unfinished uploads are kept this long for a client to resume, then swept. */
const unfinishedUploadLifetimeMs = 24 * 60 * 60 * 1000;

const sweepIntervalMs = 60 * 60 * 1000;

type TusError = { status_code: number; body: string };

function tusError(error: HttpError): TusError {
  return { status_code: error.statusCode, body: JSON.stringify(error.toBody()) };
}

function formatGiB(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GiB`
    : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** Tus answers in plain text; the API answers every error in its one JSON shape. */
function toJsonError(error: Error | TusError, maxUploadBytes: number): TusError {
  const statusCode = 'status_code' in error ? error.status_code : 500;
  const text = 'body' in error ? error.body : error.message;
  if (text.startsWith('{')) return { status_code: statusCode, body: text };
  if (statusCode === 413) {
    const message = `The video is larger than the largest upload this server takes (${formatGiB(maxUploadBytes)}).`;
    const hint =
      'Cut or re-encode the video to make it smaller, or start the server with a larger --max-upload.';
    return { status_code: 413, body: JSON.stringify(errorBody('UPLOAD_TOO_LARGE', message, hint)) };
  }
  if (statusCode >= 500) log.error({ err: error }, 'Upload failed');
  const hint = statusCode >= 500 ? 'Try the upload again; it resumes where it stopped.' : undefined;
  const message = statusCode >= 500 ? 'The server failed to store the upload.' : text.trim();
  return {
    status_code: statusCode,
    body: JSON.stringify(errorBody('UPLOAD_FAILED', message, hint)),
  };
}

function checkNewUpload(upload: Upload): void {
  if (upload.sizeIsDeferred) {
    const hint = 'Send the Upload-Length header when creating the upload.';
    throw tusError(new HttpError(411, 'UPLOAD_LENGTH_REQUIRED', 'The upload has no length.', hint));
  }
  try {
    checkVideoName(upload.metadata?.filename ?? '');
  } catch (error) {
    throw error instanceof HttpError ? tusError(error) : error;
  }
}

function createTusServer(context: ServerContext): TusServer {
  const datastore = new FileStore({
    directory: dataLayout(context.dataDir).uploads,
    expirationPeriodInMilliseconds: unfinishedUploadLifetimeMs,
  });
  return new TusServer({
    path: '/api/uploads',
    datastore,
    relativeLocation: true,
    // Only the app's own pages upload: no other web site may use a visitor's browser for it.
    allowedOrigins: [],
    maxSize: context.maxUploadBytes,
    onUploadCreate: async (_request, upload) => {
      checkNewUpload(upload);
      return {};
    },
    onUploadFinish: async (_request, upload) => {
      const fileName = upload.metadata?.filename ?? upload.id;
      try {
        const accepted = await acceptUpload(context, { id: upload.id, fileName });
        const headers = { 'Content-Type': 'application/json' };
        return { status_code: 200, headers, body: JSON.stringify(accepted) };
      } catch (error) {
        throw error instanceof HttpError ? tusError(error) : error;
      }
    },
    onResponseError: (_request, error) => toJsonError(error, context.maxUploadBytes),
  });
}

const uploadSchema = {
  tags: ['uploads'],
  summary: 'Resumable video upload (tus 1.0.0: creation, termination, expiration)',
  description:
    'POST creates an upload (Upload-Length, Upload-Metadata filename), PATCH sends bytes from ' +
    'Upload-Offset, HEAD tells the offset to resume from. The last PATCH answers 200 with ' +
    '{ video, job } once the file is checked as a video and queued for analysis, or a JSON error.',
};

/** Mounts the tus server under /api/uploads; bodies are left unread for tus to stream to disk. */
export async function registerUploadRoutes(app: FastifyInstance, context: ServerContext) {
  const tus = createTusServer(context);
  const sweep = async () => {
    const removed = await tus.cleanUpExpiredUploads().catch(() => 0);
    if (removed > 0) log.info(`Removed ${removed} unfinished uploads older than a day`);
  };
  await sweep();
  const sweeper = setInterval(() => void sweep(), sweepIntervalMs).unref();
  app.addHook('onClose', async () => clearInterval(sweeper));

  await app.register(async (scope) => {
    scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) =>
      done(null),
    );
    const handle = (request: FastifyRequest, reply: FastifyReply) => {
      reply.hijack();
      return tus.handle(request.raw, reply.raw);
    };
    const methods = ['POST', 'OPTIONS'];
    const uploadMethods = ['HEAD', 'PATCH', 'DELETE', 'OPTIONS'];
    scope.route({ method: methods, url: '/api/uploads', schema: uploadSchema, handler: handle });
    scope.route({
      method: uploadMethods,
      url: '/api/uploads/:uploadId',
      exposeHeadRoute: false,
      schema: {
        ...uploadSchema,
        params: { type: 'object', properties: { uploadId: { type: 'string' } } },
      },
      handler: handle,
    });
  });
}
