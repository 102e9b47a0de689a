import { access } from 'node:fs/promises';
import type { AnalysisProgress, AnalysisResult } from '../analysis/result.ts';
import type { Catalog, SaveOutcome } from '../catalog/catalog.ts';
import type { Job, JobQueue } from '../jobs/job-queue.ts';
import { currentOwner, isOwnerAlive } from '../jobs/process-owner.ts';
import { WorkerPool, type HashedVideo } from '../jobs/worker-pool.ts';
import { GlimpseError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { defaultConcurrency } from './default-concurrency.ts';
import type { IngestSummary, JobEvent, JobOutcome } from './ingest-events.ts';

const log = createLogger('Ingest');

/** A running job whose owner has not said it is alive for this long is taken over. */
const ABANDONED_AFTER_MS = 10 * 60_000;

interface QueueRunOptions {
  catalog: Catalog;
  queue: JobQueue;
  jobs?: number;
  fps?: number;
  workerLogLevel?: string;
  signal: AbortSignal;
  emit: (event: JobEvent) => void;
  store: (result: AnalysisResult, sizeBytes: number) => Promise<SaveOutcome>;
}

interface RunningVideo {
  videoId: string;
  sizeBytes: number;
  duration: number | null;
  trackCount: number;
}

/** One run of the job queue: recover abandoned jobs, analyse until empty, sum it up. */
export class QueueRun {
  private readonly outcomes: JobOutcome[] = [];
  private readonly videos = new Map<number, RunningVideo>();

  constructor(private readonly options: QueueRunOptions) {}

  async run(): Promise<IngestSummary> {
    const started = performance.now();
    const { queue } = this.options;
    await this.recover();

    // Jobs queued while the last workers were retiring would wait for the next run: go on.
    do {
      await this.pool().run();
    } while (!this.options.signal.aborted && (await queue.counts()).queued > 0);
    return this.summary((performance.now() - started) / 1000);
  }

  /** Jobs of dead processes go back to the queue, or fail when they used up their attempts. */
  private async recover(): Promise<void> {
    const recovered = await this.options.queue.recoverAbandoned({
      isOwnerAlive,
      staleAfterMs: ABANDONED_AFTER_MS,
    });
    if (recovered.length > 0) log.info(`Took over ${recovered.length} interrupted jobs.`);
    for (const job of recovered) {
      if (job.state === 'failed') this.settled(job, 'failed', job.error);
      else if (job.hash) await this.options.catalog.markQueued(job.hash);
    }
  }

  private pool(): WorkerPool {
    return new WorkerPool({
      queue: this.options.queue,
      size: this.options.jobs ?? defaultConcurrency(),
      owner: currentOwner(),
      fps: this.options.fps,
      workerLogLevel: this.options.workerLogLevel,
      signal: this.options.signal,
      handlers: {
        started: (job) => this.emit(job, { state: 'running' }),
        decide: (job, video) => this.decide(job, video),
        progress: (job, progress) => this.progress(job, progress),
        save: (job, result) => this.save(job, result),
        settled: (job, state, reason) => this.settled(job, state, reason),
        requeued: (job) => this.requeued(job),
      },
    });
  }

  private async decide(job: Job, video: HashedVideo): Promise<'proceed' | 'drop'> {
    const { catalog, queue } = this.options;
    // Deleted while its file was hashed: nothing of it may come back to the catalog.
    if (!(await queue.get(job.id))) return 'drop';
    const running: RunningVideo = {
      videoId: video.hash,
      sizeBytes: video.sizeBytes,
      duration: null,
      trackCount: 0,
    };
    this.videos.set(job.id, running);
    if (await catalog.isAnalysed(video.hash, video.models, video.fps)) {
      const known = await catalog.getVideo(video.hash);
      running.duration = known?.facts?.duration ?? null;
      // The same bytes at a new path, the old one gone: the file was moved; follow it.
      if (known && known.path !== job.path && !(await exists(known.path))) {
        await catalog.moveVideo(video.hash, job.path);
        log.info(`Video ${video.hash.slice(0, 12)} moved from ${known.path} to ${job.path}.`);
      }
      return 'drop';
    }
    await catalog.markAnalysing({ id: video.hash, path: job.path, sizeBytes: video.sizeBytes });
    this.emit(job, { state: 'running', stage: 'probe' });
    return 'proceed';
  }

  private progress(job: Job, progress: AnalysisProgress): void {
    this.emit(job, {
      state: 'running',
      stage: progress.stage,
      fraction: progress.fraction,
      videoSeconds: progress.videoSeconds,
    });
  }

  private async save(job: Job, result: AnalysisResult): Promise<'done' | 'skipped'> {
    // Known limit: a delete landing between this check and the commit is undone by the save,
    // because the job queue and the catalog are written in two transactions.
    if (!(await this.options.queue.get(job.id))) {
      throw new GlimpseError(
        `Video ${result.hash.slice(0, 12)} (${job.path}) was deleted while it was analysed; ` +
          'its analysis is dropped.',
        { hint: 'Ingest the file again to add it back.' },
      );
    }
    const video = this.videos.get(job.id);
    Object.assign(video ?? {}, {
      duration: result.facts.duration,
      trackCount: result.tracks.length,
    });
    const outcome = await this.options.store(result, video?.sizeBytes ?? 0);
    return outcome.status === 'saved' ? 'done' : 'skipped';
  }

  private settled(job: Job, state: JobOutcome['state'], reason: string | null): void {
    const video = this.videos.get(job.id);
    this.videos.delete(job.id);
    const videoId = video?.videoId ?? job.hash;
    if (state === 'failed' && videoId) void this.options.catalog.markFailed(videoId, reason ?? '');
    const videoSeconds = state === 'failed' ? 0 : (video?.duration ?? 0);
    this.outcomes.push({
      jobId: job.id,
      path: job.path,
      videoId,
      state,
      reason,
      trackCount: video?.trackCount ?? 0,
      videoSeconds,
    });
    log.debug(`Job ${job.id} ${state}: ${job.path}${reason ? ` (${reason})` : ''}.`);
    this.emit(job, { state, fraction: 1, videoSeconds, error: reason });
  }

  private requeued(job: Job): void {
    const video = this.videos.get(job.id);
    this.videos.delete(job.id);
    if (video) void this.options.catalog.markQueued(video.videoId);
    this.emit(job, { state: 'queued' });
  }

  private emit(job: Job, change: Partial<JobEvent>): void {
    const video = this.videos.get(job.id);
    this.options.emit({
      jobId: job.id,
      path: job.path,
      state: job.state,
      videoId: video?.videoId ?? job.hash,
      stage: null,
      fraction: 0,
      videoSeconds: 0,
      duration: video?.duration ?? null,
      error: null,
      ...change,
    });
  }

  private summary(wallSeconds: number): IngestSummary {
    const count = (state: JobOutcome['state']) =>
      this.outcomes.filter((o) => o.state === state).length;
    const done = this.outcomes.filter((o) => o.state === 'done');
    return {
      outcomes: this.outcomes,
      done: count('done'),
      skipped: count('skipped'),
      failed: count('failed'),
      wallSeconds,
      videoSeconds: done.reduce((sum, o) => sum + o.videoSeconds, 0),
    };
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
