import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/library/ingest-events.ts';
import { Library } from '../../src/library/library.ts';

const shared = process.env.GLIMPSE_SHARED_DATA ?? resolve('../shared/data');

/** Pids of this process's analysis workers (Linux /proc). */
function analysisWorkers(): number[] {
  const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8');
  return children
    .split(' ')
    .filter(Boolean)
    .map(Number)
    .filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('analysis-worker'));
}

describe('Library.ingest', () => {
  let dir: string;
  let library: Library;
  const gif = join(shared, 'video', 'intel_face-demographics-walking.gif');
  let broken: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'glimpse-ingest-'));
    broken = join(dir, 'broken.mp4');
    writeFileSync(broken, 'these bytes are not a video');
    library = await Library.open({ dataDir: join(dir, 'data') });
  });

  afterAll(async () => {
    await library.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should fail a bad file alone, with its reason, and analyse the rest', async () => {
    const events: JobEvent[] = [];

    const summary = await library.ingest([broken, gif], {
      jobs: 2,
      onEvent: (event) => events.push(event),
    });

    expect(summary).toMatchObject({ done: 1, skipped: 0, failed: 1 });
    const failure = summary.outcomes.find((outcome) => outcome.state === 'failed');
    expect(failure?.path).toBe(broken);
    expect(failure?.reason).toContain(broken);
    const [video] = (await library.listVideos()).filter((v) => v.status === 'done');
    expect(video.path).toBe(gif);
    expect(video.trackCount).toBeGreaterThan(0);
    expect(events.some((e) => e.state === 'running' && e.fraction > 0 && e.fraction < 1)).toBe(
      true,
    );
  });

  it('should skip a video already analysed, writing nothing new', async () => {
    const before = await library.catalog.embeddingCount('body');

    const summary = await library.ingest([gif], { jobs: 1 });

    expect(summary).toMatchObject({ done: 0, skipped: 1, failed: 0 });
    expect(await library.catalog.embeddingCount('body')).toBe(before);
    expect(library.vectorIndex('body').size()).toBe(before);
  });

  it('should retry on a new worker the video whose worker was killed', async () => {
    const video = join(shared, 'video', 'intel_classroom.gif');
    let killed = 0;
    const killOnce = (event: JobEvent) => {
      if (killed || event.state !== 'running' || event.fraction <= 0) return;
      killed = analysisWorkers()[0];
      process.kill(killed, 'SIGKILL');
    };
    library.events.on('job', killOnce);

    const summary = await library.ingest([video], { jobs: 1 });
    library.events.off('job', killOnce);

    expect(killed).toBeGreaterThan(0);
    expect(summary).toMatchObject({ done: 1, failed: 0 });
    const job = await library.jobs.get(summary.outcomes[0].jobId);
    expect(job).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('should not bring back a video deleted while it was being analysed', async () => {
    const video = join(shared, 'video', 'intel_store-aisle-detection.gif');
    let deleted: { videoId: string; done: Promise<boolean> } | undefined;
    const deleteOnStart = (event: JobEvent) => {
      if (deleted || event.state !== 'running' || event.stage !== 'probe' || !event.videoId) return;
      deleted = { videoId: event.videoId, done: library.deleteVideo(event.videoId) };
    };
    library.events.on('job', deleteOnStart);

    const summary = await library.ingest([video], { jobs: 1 });
    library.events.off('job', deleteOnStart);

    expect(await deleted?.done).toBe(true);
    expect(summary).toMatchObject({ done: 0, failed: 1 });
    expect(summary.outcomes[0].reason).toMatch(/deleted while it was analysed/);
    expect(await library.getVideo(deleted!.videoId)).toBeUndefined();
    expect(existsSync(join(library.dataDir, 'thumbnails', deleted!.videoId))).toBe(false);
    expect(await library.jobs.get(summary.outcomes[0].jobId)).toBeUndefined();
  });

  it('should follow a video moved to a new path instead of analysing it again', async () => {
    const first = join(dir, 'aisle.gif');
    const moved = join(dir, 'aisle-moved.gif');
    copyFileSync(join(shared, 'video', 'intel_store-aisle-detection.gif'), first);
    await library.ingest([first], { jobs: 1 });
    renameSync(first, moved);

    const summary = await library.ingest([moved], { jobs: 1 });

    expect(summary).toMatchObject({ done: 0, skipped: 1 });
    const [video] = await library.catalog.findVideos(moved);
    expect(video).toMatchObject({ fileName: 'aisle-moved.gif', status: 'done' });
  });
});
