import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnalysisProgress, AnalysisResult, ModelsUsed } from '../analysis/result.ts';
import { GlimpseError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import type { Job, JobQueue } from './job-queue.ts';
import { WORKER_FPS_ENV, type FromWorker, type ToWorker } from './worker-messages.ts';

const log = createLogger('WorkerPool');

/** How often the owner of running jobs says it is still alive. */
const HEARTBEAT_INTERVAL_MS = 15_000;

const WORKER_MODULE = fileURLToPath(new URL('./analysis-worker.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface HashedVideo {
  hash: string;
  sizeBytes: number;
  models: ModelsUsed;
  fps: number;
}

/** What the pool asks of its owner; job states themselves are the pool's business. */
export interface WorkerPoolHandlers {
  started(job: Job): void;
  /** After hashing: analyse the video, or drop it (already analysed: the job is skipped). */
  decide(job: Job, video: HashedVideo): Promise<'proceed' | 'drop'>;
  progress(job: Job, progress: AnalysisProgress): void;
  /** Stores a result; throws to fail the job. */
  save(job: Job, result: AnalysisResult): Promise<'done' | 'skipped'>;
  settled(job: Job, state: 'done' | 'skipped' | 'failed', reason: string | null): void;
  /** The job went back to the queue: its worker died, or the run was stopped. */
  requeued(job: Job): void;
}

export interface WorkerPoolOptions {
  queue: JobQueue;
  /** At most this many worker processes. */
  size: number;
  owner: string;
  handlers: WorkerPoolHandlers;
  fps?: number;
  /** GLIMPSE_LOG_LEVEL of the workers (the parent's by default). */
  workerLogLevel?: string;
  signal?: AbortSignal;
}

interface Slot {
  child: ChildProcess;
  job: Job | null;
  models: ModelsUsed | null;
  fps: number;
}

/**
 * Runs queued jobs on worker processes, each with its own Analyzer, one video at a time,
 * until the queue is empty. A worker that dies takes only its job down, which goes back to
 * the queue (and fails after a few attempts).
 */
export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private stopping = false;
  private finished!: { resolve: () => void; reject: (error: Error) => void };

  constructor(private readonly options: WorkerPoolOptions) {}

  async run(): Promise<void> {
    const { signal } = this.options;
    if (signal?.aborted) return;
    const done = new Promise<void>((resolve, reject) => (this.finished = { resolve, reject }));
    const onAbort = () => void this.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    const heartbeat = setInterval(() => void this.heartbeat(), HEARTBEAT_INTERVAL_MS).unref();
    try {
      await this.grow();
      if (this.slots.size === 0) this.finished.resolve();
      await done;
    } finally {
      clearInterval(heartbeat);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Starts workers up to the pool size, no more than there are queued jobs. */
  private async grow(): Promise<void> {
    const { queued } = await this.options.queue.counts();
    const wanted = Math.min(this.options.size, queued + this.busyCount()) - this.slots.size;
    for (let i = 0; i < wanted && !this.stopping; i++) this.spawn();
  }

  private busyCount(): number {
    return [...this.slots].filter((slot) => slot.job).length;
  }

  private spawn(): void {
    const env = { ...process.env };
    if (this.options.fps) env[WORKER_FPS_ENV] = String(this.options.fps);
    if (this.options.workerLogLevel) env.GLIMPSE_LOG_LEVEL = this.options.workerLogLevel;
    const child = fork(WORKER_MODULE, [], {
      execArgv: ['--import', TSX_LOADER],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env,
    });
    const slot: Slot = { child, job: null, models: null, fps: 0 };
    this.slots.add(slot);
    child.on('message', (message: FromWorker) => void this.onMessage(slot, message));
    child.on('exit', (code, signal) => void this.onExit(slot, code, signal));
    log.debug(`Started analysis worker ${child.pid}.`);
  }

  private async onMessage(slot: Slot, message: FromWorker): Promise<void> {
    try {
      await this.handle(slot, message);
    } catch (error) {
      log.error(`Worker ${slot.child.pid}: ${(error as Error).stack ?? error}`);
      this.fail(error as Error);
    }
  }

  private async handle(slot: Slot, message: FromWorker): Promise<void> {
    const { handlers, queue } = this.options;
    if (message.type === 'ready') {
      Object.assign(slot, { models: message.models, fps: message.fps });
      return this.next(slot);
    }
    if (message.type === 'load-failed') {
      return this.fail(
        new GlimpseError(`The analysis models could not be loaded: ${message.message}`),
      );
    }
    const job = slot.job;
    if (!job || job.id !== message.jobId) return;

    if (message.type === 'hashed') {
      await queue.setHash(job.id, message.hash);
      job.hash = message.hash;
      const video = { ...message, models: slot.models!, fps: slot.fps };
      const verdict = await handlers.decide(job, video);
      this.send(slot, { type: verdict, jobId: job.id });
    } else if (message.type === 'progress') {
      handlers.progress(job, message.progress);
    } else if (message.type === 'result') {
      const state = await handlers.save(job, message.result).catch(async (error: Error) => {
        await this.settle(
          slot,
          'failed',
          error instanceof GlimpseError ? error.describe() : error.message,
        );
        return null;
      });
      if (state) await this.settle(slot, state, state === 'skipped' ? 'already analysed' : null);
    } else if (message.type === 'dropped') {
      await this.settle(slot, 'skipped', 'already analysed');
    } else if (message.type === 'failed') {
      await this.settle(slot, 'failed', message.message);
    }
  }

  private async settle(slot: Slot, state: 'done' | 'skipped' | 'failed', reason: string | null) {
    const job = slot.job!;
    slot.job = null;
    if (state === 'failed') await this.options.queue.fail(job.id, reason ?? 'unknown error');
    else await this.options.queue.finish(job.id, state);
    this.options.handlers.settled({ ...job, state, error: reason }, state, reason);
    await this.next(slot);
  }

  /** Gives an idle worker the next job, or retires it when the queue is empty. */
  private async next(slot: Slot): Promise<void> {
    const job = this.stopping ? undefined : await this.options.queue.claim(this.options.owner);
    if (!job) {
      slot.child.disconnect();
      return;
    }
    slot.job = job;
    this.options.handlers.started(job);
    this.send(slot, { type: 'analyze', jobId: job.id, path: job.path });
    log.debug(`Worker ${slot.child.pid} analyses job ${job.id} (${job.path}).`);
    await this.grow();
  }

  private async onExit(slot: Slot, code: number | null, signal: string | null): Promise<void> {
    this.slots.delete(slot);
    const job = slot.job;
    if (job) {
      const reason = `The analysis worker died (${signal ?? `exit code ${code}`}) while analysing ${job.path}`;
      if (this.stopping) log.debug(`Stopped job ${job.id}; it is back in the queue.`);
      else log.warn(`${reason}.`);
      const released = await this.options.queue.release(job.id, {
        countAttempt: !this.stopping,
        reason,
      });
      if (!released) this.options.handlers.settled(job, 'failed', reason);
      else if (released.state === 'failed')
        this.options.handlers.settled(released, 'failed', released.error);
      else this.options.handlers.requeued(released);
    }
    if (!this.stopping) await this.grow();
    if (this.slots.size === 0) this.finished.resolve();
  }

  private send(slot: Slot, message: ToWorker): void {
    if (slot.child.connected) slot.child.send(message);
  }

  private async heartbeat(): Promise<void> {
    for (const slot of this.slots)
      if (slot.job) await this.options.queue.heartbeat(slot.job.id, this.options.owner);
  }

  private fail(error: Error): void {
    this.stop();
    this.finished.reject(error);
  }

  /** Stops every worker; their jobs go back to the queue without counting an attempt. */
  stop(): void {
    this.stopping = true;
    for (const slot of this.slots) slot.child.kill('SIGTERM');
  }
}
