import { fileURLToPath } from 'node:url';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLogger } from '../logger.ts';
import { createDataLayout } from './data-layout.ts';
import { describeError } from './error-body.ts';
import { registerRequestGuard } from './request-guard.ts';
import { registerClipRoutes } from './routes/clips.ts';
import { registerEventRoutes } from './routes/events.ts';
import { registerSearchRoutes } from './routes/search.ts';
import { registerUploadRoutes } from './routes/uploads.ts';
import { registerVideoRoutes } from './routes/videos.ts';
import { registerWebRoutes } from './routes/web.ts';
import {
  defaultMaxPhotoBytes,
  defaultMaxUploadBytes,
  type BuildServerOptions,
  type ServerContext,
} from './server-options.ts';

const log = createLogger('HttpServer');

const defaultWebDir = fileURLToPath(new URL('../../web/', import.meta.url));

function resolveContext(options: BuildServerOptions): ServerContext {
  return {
    library: options.library,
    dataDir: options.dataDir,
    maxUploadBytes: options.maxUploadBytes ?? defaultMaxUploadBytes,
    maxPhotoBytes: options.maxPhotoBytes ?? defaultMaxPhotoBytes,
    webDir: options.webDir ?? defaultWebDir,
    analyseUploads: options.analyseUploads ?? true,
    allowedHosts: options.allowedHosts ?? [],
  };
}

/** The HTTP API and the browser app over one library; the caller listens and closes. */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const context = resolveContext(options);
  createDataLayout(context.dataDir);
  // Server-sent event streams never go idle, so closing must not wait for them.
  const app = Fastify({
    logger: false,
    bodyLimit: context.maxPhotoBytes,
    forceCloseConnections: true,
  });

  app.setErrorHandler((error, request, reply) => {
    const { statusCode, body } = describeError(error);
    // Errors of the file sender carry headers the client needs, e.g. Content-Range on a 416.
    const headers = (error as { headers?: Record<string, string> }).headers;
    if (headers) void reply.headers(headers);
    if (statusCode >= 500) log.error({ err: error, url: request.url }, 'Request failed');
    void reply.status(statusCode).send(body);
  });
  registerRequestGuard(app, { allowedHosts: context.allowedHosts });
  app.setNotFoundHandler((request, reply) => {
    const message = `Nothing is at ${request.method} ${request.url}.`;
    const hint = 'See /openapi.json for the routes of the API.';
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message, hint } });
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Glimpse API',
        description: 'Upload videos, follow their analysis, and find the moments a person appears.',
        version: '0.1.0',
      },
    },
  });
  await app.register(fastifyStatic, {
    root: context.webDir,
    prefix: '/',
    index: 'index.html',
    cacheControl: false,
  });

  await registerUploadRoutes(app, context);
  registerEventRoutes(app, context);
  registerVideoRoutes(app, context);
  registerClipRoutes(app, context);
  registerSearchRoutes(app, context);
  registerWebRoutes(app, context);
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  return app;
}
