import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Library } from '../../src/library/library.ts';
import { buildServer } from '../../src/server/build-server.ts';
import type { BuildServerOptions } from '../../src/server/server-options.ts';

/** A real server on an ephemeral port over a real library in a temporary data directory. */
export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  library: Library;
  app: FastifyInstance;
  close(): Promise<void>;
}

type HarnessOptions = Omit<BuildServerOptions, 'library' | 'dataDir'>;

export async function startServer(options: HarnessOptions = {}): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'glimpse-web-'));
  const library = await Library.open({ dataDir });
  const app = await buildServer({ library, dataDir, ...options });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl: address,
    dataDir,
    library,
    app,
    async close() {
      await app.close();
      await library.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every file below a folder, relative to it (empty when the folder does not exist). */
export async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
