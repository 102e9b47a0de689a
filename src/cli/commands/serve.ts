import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { defaultDataDir } from '../../config/paths.ts';
import { GlimpseError } from '../../errors.ts';
import { Library } from '../../library/library.ts';
import { createLogger } from '../../logger.ts';
import { buildServer } from '../../server/build-server.ts';
import { startAnalysis } from '../../server/upload-intake.ts';
import { defaultMaxUploadBytes } from '../../server/server-options.ts';

const log = createLogger('serve');

interface ServeOptions {
  port: string;
  host: string;
  data?: string;
  maxUpload?: string;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  throw new GlimpseError(`"${text}" is not a port number.`, {
    hint: 'Give --port (or PORT) a whole number from 0 to 65535.',
  });
}

function parseMiB(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const mib = Number(text);
  if (Number.isFinite(mib) && mib > 0) return Math.round(mib * 1024 ** 2);
  throw new GlimpseError(`"${text}" is not a size in MiB.`, {
    hint: 'Give --max-upload e.g. 4096.',
  });
}

/** Localhost is always allowed; a --host name is too, and any name for a wildcard address. */
function allowedHostsFor(host: string): string[] {
  if (host === '0.0.0.0' || host === '::') return ['*'];
  return [host.includes(':') ? `[${host}]` : host];
}

async function listenOrExplain(app: FastifyInstance, port: number, host: string) {
  try {
    return await app.listen({ port, host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new GlimpseError(`Port ${port} on ${host} is already in use.`, {
        hint: 'Stop the program using it, or start Glimpse on another one with --port (or PORT).',
      });
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') {
      throw new GlimpseError(`Glimpse cannot listen on ${host}:${port} (${code}).`, {
        hint: 'Give --host an address of this machine (127.0.0.1 by default) and a --port above 1023.',
      });
    }
    throw error;
  }
}

async function serve(options: ServeOptions): Promise<void> {
  const dataDir = options.data ?? defaultDataDir();
  const library = await Library.open({ dataDir });
  const app = await buildServer({
    library,
    dataDir,
    maxUploadBytes: parseMiB(options.maxUpload),
    allowedHosts: allowedHostsFor(options.host),
  });
  const address = await listenOrExplain(app, parsePort(options.port), options.host).catch(
    async (error: unknown) => {
      await library.close();
      throw error;
    },
  );
  log.info(`Glimpse serves ${dataDir} at ${address}`);
  process.stderr.write(`Glimpse is running at ${address} (data in ${dataDir}). Ctrl+C stops it.\n`);
  startAnalysis(library);

  const stop = async (signal: string) => {
    log.info(`Received ${signal}; stopping`);
    await app.close();
    await library.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the web app and the HTTP API over the library.')
    .option('--port <port>', 'port to listen on (0 picks a free one)', process.env.PORT ?? '8080')
    .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
    .option('--data <dir>', 'data directory (default: GLIMPSE_DATA or the per-user data folder)')
    .option(
      '--max-upload <MiB>',
      `largest video upload in MiB (default ${defaultMaxUploadBytes / 1024 ** 2})`,
    )
    .action(serve);
}
