import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVideo } from './make-video.ts';
import { startServer, type RunningServer } from './server-harness.ts';
import { uploadWhole } from './tus-requests.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ analyseUploads: false });
});

afterAll(async () => {
  await server?.close();
});

/** Opens /api/events and reads until the server's first message (the retry delay). */
async function openStream() {
  const stop = new AbortController();
  const response = await fetch(`${server.baseUrl}/api/events`, { signal: stop.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = (await reader.read()).value ?? '';
  const readUntil = async (needle: string) => {
    while (!text.includes(needle)) text += (await reader.read()).value ?? '';
    return text;
  };
  return { readUntil, close: () => stop.abort() };
}

describe('the job event stream', () => {
  it('should serve many open pages without adding a library listener for each', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const listenersBefore = server.library.events.listenerCount('job');

    const streams = await Promise.all(Array.from({ length: 15 }, openStream));
    expect(server.library.events.listenerCount('job')).toBe(listenersBefore);
    for (const stream of streams) stream.close();
    await new Promise((resolve) => setTimeout(resolve, 100));

    process.off('warning', onWarning);
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
  });

  it('should keep sending events to a page that opens after others closed', async () => {
    const early = await openStream();
    early.close();
    const stream = await openStream();

    const path = await makeTestVideo(join(server.dataDir, 'late.mp4'), 1);
    const answer = await (
      await uploadWhole(server.baseUrl, 'late.mp4', await readFile(path))
    ).json();
    const text = await stream.readUntil(answer.video.id);
    stream.close();

    expect(text).toContain('event: job');
  });
});
