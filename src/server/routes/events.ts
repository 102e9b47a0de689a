import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { JobEvent } from '../../library/ingest-events.ts';
import { dataLayout } from '../data-layout.ts';
import { jobViewFromEvent, jobViewFromJob, jobViewSchema } from '../job-view.ts';
import type { ServerContext } from '../server-options.ts';

/** A comment line every so often keeps proxies and browsers from closing an idle stream. */
const keepAliveMs = 15_000;

/**
 * The open event streams. One library listener writes each job event to all of them, so many
 * open pages add no listeners to the library.
 */
function openEventStreams(app: FastifyInstance, context: ServerContext): Set<ServerResponse> {
  const videosDir = dataLayout(context.dataDir).videos;
  const streams = new Set<ServerResponse>();
  const writeAll = (text: string) => {
    for (const stream of streams) stream.write(text);
  };
  const broadcast = (event: JobEvent) =>
    writeAll(`event: job\ndata: ${JSON.stringify(jobViewFromEvent(event, videosDir))}\n\n`);
  const keepAlive = setInterval(() => writeAll(': keep-alive\n\n'), keepAliveMs).unref();
  context.library.events.on('job', broadcast);
  app.addHook('onClose', async () => {
    clearInterval(keepAlive);
    context.library.events.off('job', broadcast);
  });
  return streams;
}

/** Job progress pushed as server-sent events, plus the job list for a page that just opened. */
export function registerEventRoutes(app: FastifyInstance, context: ServerContext): void {
  const videosDir = dataLayout(context.dataDir).videos;
  const streams = openEventStreams(app, context);

  app.get(
    '/api/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Recent analysis jobs, newest first',
        response: {
          200: { type: 'object', properties: { jobs: { type: 'array', items: jobViewSchema } } },
        },
      },
    },
    async () => {
      const jobs = await context.library.jobs.list({ limit: 200 });
      return { jobs: jobs.map((job) => jobViewFromJob(job, videosDir)) };
    },
  );

  app.get(
    '/api/events',
    {
      schema: {
        tags: ['jobs'],
        summary:
          'Server-sent events: `event: job` with a job (queued, analysing + fraction, done, failed + message)',
        produces: ['text/event-stream'],
      },
    },
    (_request, reply) => {
      reply.hijack();
      const stream = reply.raw;
      stream.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      stream.write('retry: 3000\n\n');
      streams.add(stream);
      stream.once('close', () => streams.delete(stream));
    },
  );
}
