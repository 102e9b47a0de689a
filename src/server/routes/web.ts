import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server-options.ts';
import { videoExtensions } from '../server-options.ts';

/** The browser build of tus-js-client, served as is: the web app has no build step. */
function tusClientDistDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('tus-js-client/package.json')), 'dist');
}

/** The browser app's files come from the static plugin; this adds what they load besides. */
export function registerWebRoutes(app: FastifyInstance, context: ServerContext): void {
  const tusDir = tusClientDistDir();

  app.get('/vendor/tus.min.js', { schema: { hide: true } }, (_request, reply) =>
    reply.sendFile('tus.min.js', tusDir, { maxAge: '1d' }),
  );

  app.get(
    '/api/config',
    {
      schema: {
        tags: ['config'],
        summary: 'Limits the browser app shows before an upload or a search',
        response: {
          200: {
            type: 'object',
            properties: {
              maxUploadBytes: { type: 'integer' },
              maxPhotoBytes: { type: 'integer' },
              videoExtensions: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
    () => ({
      maxUploadBytes: context.maxUploadBytes,
      maxPhotoBytes: context.maxPhotoBytes,
      videoExtensions,
    }),
  );
}
