import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deadOwner } from '../../test/fixtures/processes.ts';
import { SqliteCatalog } from '../catalog/sqlite-catalog.ts';
import { currentOwner, isOwnerAlive } from './process-owner.ts';
import { MAX_ATTEMPTS, SqliteJobQueue } from './sqlite-job-queue.ts';

const recoverOptions = { isOwnerAlive, staleAfterMs: 60_000 };

describe(SqliteJobQueue.name, () => {
  let dir: string;
  let catalog: SqliteCatalog;
  let sut: SqliteJobQueue;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'glimpse-jobs-'));
    catalog = SqliteCatalog.open(join(dir, 'catalog.sqlite'));
    sut = new SqliteJobQueue(catalog.db);
  });

  afterEach(async () => {
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should hand out queued jobs oldest first, each once', async () => {
    await sut.enqueue(['/v/a.mp4', '/v/b.mp4']);

    const first = await sut.claim('host:1');
    const second = await sut.claim('host:2');

    expect([first?.path, second?.path]).toEqual(['/v/a.mp4', '/v/b.mp4']);
    expect(first).toMatchObject({ state: 'running', owner: 'host:1', attempts: 1 });
    expect(await sut.claim('host:3')).toBeUndefined();
  });

  it('should not queue a path twice while its job is pending', async () => {
    const [first] = await sut.enqueue(['/v/a.mp4']);
    const [again] = await sut.enqueue(['/v/a.mp4']);

    expect(again.id).toBe(first.id);
    expect((await sut.counts()).queued).toBe(1);
  });

  it('should queue again a job whose owner process died', async () => {
    await sut.enqueue(['/v/a.mp4', '/v/b.mp4']);
    const orphan = await sut.claim(deadOwner());
    const alive = await sut.claim(currentOwner());

    const recovered = await sut.recoverAbandoned(recoverOptions);

    expect(recovered.map((job) => job.id)).toEqual([orphan?.id]);
    expect(await sut.get(orphan!.id)).toMatchObject({ state: 'queued', owner: null, attempts: 1 });
    expect((await sut.get(alive!.id))?.state).toBe('running');
    expect((await sut.claim(currentOwner()))?.id).toBe(orphan?.id);
  });

  it('should fail a job that lost its worker too many times', async () => {
    const [job] = await sut.enqueue(['/v/crash.mp4']);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await sut.claim(deadOwner());
      await sut.recoverAbandoned(recoverOptions);
    }

    const final = await sut.get(job.id);
    expect(final?.state).toBe('failed');
    expect(final?.error).toMatch(/died/);
  });

  it('should not count an attempt for a job stopped on purpose', async () => {
    const [job] = await sut.enqueue(['/v/a.mp4']);
    await sut.claim(currentOwner());

    const released = await sut.release(job.id, { countAttempt: false, reason: 'stopped' });

    expect(released).toMatchObject({ state: 'queued', attempts: 0 });
  });

  it('should keep the reason of a failed job', async () => {
    const [job] = await sut.enqueue(['/v/bad.mp4']);
    await sut.claim(currentOwner());

    await sut.fail(job.id, '/v/bad.mp4 is not a video');

    expect(await sut.get(job.id)).toMatchObject({
      state: 'failed',
      error: '/v/bad.mp4 is not a video',
    });
    expect(await sut.counts()).toMatchObject({ failed: 1, queued: 0, running: 0 });
  });

  it('should forget every job of a deleted video, a running one too', async () => {
    const [done, running, other] = await sut.enqueue(['/v/a.mp4', '/v/a-copy.mp4', '/v/b.mp4']);
    for (const job of [done, running, other]) {
      await sut.claim(currentOwner());
      await sut.setHash(job.id, job === other ? 'b'.repeat(64) : 'a'.repeat(64));
    }
    await sut.finish(done.id, 'done');

    expect(await sut.forgetVideo('a'.repeat(64))).toBe(2);

    expect(await sut.get(running.id)).toBeUndefined();
    expect(await sut.release(running.id, { countAttempt: true, reason: 'died' })).toBeUndefined();
    expect(await sut.get(other.id)).toMatchObject({ state: 'running' });
  });

  it('should forget the jobs of files not yet hashed, queued or running', async () => {
    const [running, queued, other] = await sut.enqueue(['/v/a.mp4', '/v/b.mp4', '/v/c.mp4']);
    await sut.claim(currentOwner());

    expect(await sut.forgetFiles(['/v/a.mp4', '/v/b.mp4'])).toBe(2);

    expect(await sut.get(running.id)).toBeUndefined();
    expect(await sut.get(queued.id)).toBeUndefined();
    expect(await sut.get(other.id)).toMatchObject({ state: 'queued' });
  });
});
