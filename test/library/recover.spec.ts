import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../src/jobs/sqlite-job-queue.ts';
import { Library } from '../../src/library/library.ts';
import { deadOwner } from '../fixtures/processes.ts';

describe('Library.processQueue after a crash', () => {
  let dataDir: string;
  let library: Library;
  const hash = 'ef'.repeat(32);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'glimpse-recover-'));
    library = await Library.open({ dataDir });
  });

  afterEach(async () => {
    await library.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A video whose analysis a dead process was running, after `attempts` tries. */
  async function abandonedJob(attempts: number) {
    const [job] = await library.enqueue(['/videos/crashes.mp4']);
    await library.catalog.markAnalysing({ id: hash, path: job.path, sizeBytes: 1 });
    const db = new Database(join(dataDir, 'catalog.sqlite'));
    db.prepare(
      `UPDATE jobs SET state = 'running', owner = ?, attempts = ?, hash = ? WHERE id = ?`,
    ).run(deadOwner(), attempts, hash, job.id);
    db.close();
    return job;
  }

  it('should mark failed the video whose job used up its attempts, with the reason', async () => {
    const job = await abandonedJob(MAX_ATTEMPTS);

    const summary = await library.processQueue({ jobs: 1 });

    expect(summary).toMatchObject({ done: 0, failed: 1 });
    expect(summary.outcomes[0].reason).toMatch(/died/);
    expect(await library.jobs.get(job.id)).toMatchObject({ state: 'failed' });
    const video = await library.getVideo(hash);
    expect(video?.status).toBe('failed');
    expect(video?.error).toMatch(/died/);
  });
});
