import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../library/ingest-events.ts';
import { IngestProgress } from './ingest-progress.ts';

/** A terminal that keeps what is written to it. */
function fakeTerminal() {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  let written = '';
  stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
  return { stream: stream as unknown as NodeJS.WriteStream, written: () => written };
}

function jobEvent(jobId: number, state: JobEvent['state'], fraction: number): JobEvent {
  const path = `/videos/${jobId}.mp4`;
  const base = { path, videoId: null, stage: null, videoSeconds: 0, duration: null, error: null };
  return { ...base, jobId, state, fraction };
}

describe(IngestProgress.name, () => {
  it('should count in the total a job taken over after it started, never above it', () => {
    const terminal = fakeTerminal();
    const sut = new IngestProgress(terminal.stream);
    sut.start(1);

    for (const jobId of [1, 2]) {
      sut.update(jobEvent(jobId, 'running', 0.5));
      sut.update(jobEvent(jobId, 'done', 1));
    }
    sut.stop();

    expect(terminal.written()).toContain('2/2 videos');
    expect(terminal.written()).not.toContain('2/1 videos');
  });
});
