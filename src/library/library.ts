import { EventEmitter } from 'node:events';
import { readdir, rm } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { AnalysisResult } from '../analysis/result.ts';
import type {
  Catalog,
  SaveOutcome,
  SearchAuditEntry,
  SearchAuditRecord,
  TrackDetail,
  VideoRecord,
} from '../catalog/catalog.ts';
import { SqliteCatalog } from '../catalog/sqlite-catalog.ts';
import type { UsearchVectorIndex } from '../catalog/usearch-vector-index.ts';
import type { VectorIndex } from '../catalog/vector-index.ts';
import { GlimpseError } from '../errors.ts';
import type { Job, JobQueue } from '../jobs/job-queue.ts';
import { SqliteJobQueue } from '../jobs/sqlite-job-queue.ts';
import { createLogger } from '../logger.ts';
import type { EmbeddingKind } from '../vision/detection.ts';
import { dataLayout, resolveDataDir, type DataLayout } from './data-dir.ts';
import { embedderMismatchError, exactNearest } from './exact-nearest.ts';
import { findVideos } from './find-videos.ts';
import type { IngestSummary, JobEvent, LibraryEvents } from './ingest-events.ts';
import { catchUpVectorIndex, openVectorIndex } from './open-vector-index.ts';
import { QueueRun } from './queue-run.ts';
import { storeAnalysis } from './store-analysis.ts';
import { sweepLeftovers } from './sweep-leftovers.ts';

const log = createLogger('Library');

export interface LibraryOpenOptions {
  /** Defaults to GLIMPSE_DATA, then the per-user data directory. */
  dataDir?: string;
}

export interface ProcessQueueOptions {
  /** Worker processes analysing videos in parallel; defaults to what the machine can take. */
  jobs?: number;
  /** Frames per second the analysis samples (the Analyzer's default when absent). */
  fps?: number;
  /** GLIMPSE_LOG_LEVEL of the worker processes (this process's level by default). */
  workerLogLevel?: string;
  signal?: AbortSignal;
  /** Called with every job event of this run (the same events `library.events` sends). */
  onEvent?: (event: JobEvent) => void;
}

/** A nearest embedding with where it came from. */
export interface EmbeddingMatch {
  key: number;
  kind: EmbeddingKind;
  videoId: string;
  track: number;
  t: number;
  /** Cosine similarity, -1..1 (raw, not calibrated). */
  similarity: number;
}

export interface NearestOptions {
  k: number;
  /** Only embeddings of these videos (an exact search over their vectors). */
  videoIds?: readonly string[];
}

/**
 * The library: catalog, vector indexes, job queue and files of one data directory.
 * The CLI and the HTTP server both work through it. Each open library holds its own copy of
 * the vector indexes; it catches up with what other processes stored before it searches or
 * saves them.
 */
export class Library {
  readonly events = new EventEmitter<LibraryEvents>();
  private run: { promise: Promise<IngestSummary>; stop: AbortController } | null = null;
  private catchingUp: Promise<void> = Promise.resolve();
  /** Indexes holding vectors of videos another process deleted: never saved over its file. */
  private readonly staleIndexes = new Set<EmbeddingKind>();

  private constructor(
    readonly dataDir: string,
    readonly catalog: Catalog,
    readonly jobs: JobQueue,
    private readonly indexes: Record<EmbeddingKind, UsearchVectorIndex>,
    private readonly layout: DataLayout,
  ) {}

  static async open(options: LibraryOpenOptions = {}): Promise<Library> {
    const dataDir = resolveDataDir(options.dataDir);
    const layout = dataLayout(dataDir);
    const catalog = SqliteCatalog.open(layout.catalog);
    const jobs = new SqliteJobQueue(catalog.db);
    const open = (kind: EmbeddingKind) =>
      openVectorIndex({ kind, path: layout.index(kind), catalog });
    const indexes = { face: await open('face'), body: await open('body') };
    await sweepLeftovers({ layout, catalog });
    log.debug(`Opened the library in ${dataDir}.`);
    return new Library(dataDir, catalog, jobs, indexes, layout);
  }

  vectorIndex(kind: EmbeddingKind): VectorIndex {
    return this.indexes[kind];
  }

  /** Queues every video file found in `paths` (folders are searched recursively). */
  async enqueue(paths: readonly string[]): Promise<Job[]> {
    const files = await findVideos(paths);
    const jobs = await this.jobs.enqueue(files);
    for (const job of jobs) this.emit(jobEvent(job));
    log.debug(`Queued ${jobs.length} videos.`);
    return jobs;
  }

  /**
   * Analyses queued jobs with worker processes until the queue is empty. Calling it while it
   * runs returns the running promise (new jobs are picked up by the running workers).
   */
  processQueue(options: ProcessQueueOptions = {}): Promise<IngestSummary> {
    if (this.run) return this.run.promise;
    const stop = new AbortController();
    options.signal?.addEventListener('abort', () => stop.abort(), { once: true });
    const queueRun = new QueueRun({
      ...options,
      signal: stop.signal,
      catalog: this.catalog,
      queue: this.jobs,
      emit: (event) => this.emit(event),
      store: (result, sizeBytes) => this.saveAnalysis(result, { sizeBytes }),
    });
    const { onEvent } = options;
    if (onEvent) this.events.on('job', onEvent);
    const promise = queueRun.run().finally(async () => {
      if (onEvent) this.events.off('job', onEvent);
      this.run = null;
      await this.saveIndexes();
    });
    this.run = { promise, stop };
    return promise;
  }

  /** `enqueue` then `processQueue`. */
  async ingest(
    paths: readonly string[],
    options: ProcessQueueOptions = {},
  ): Promise<IngestSummary> {
    await this.enqueue(paths);
    return this.processQueue(options);
  }

  /**
   * Stores an analysis made elsewhere (the workers use this too): rows in one transaction,
   * then thumbnails and vectors. Skipped when the video is already analysed alike.
   */
  async saveAnalysis(result: AnalysisResult, options: { sizeBytes: number }): Promise<SaveOutcome> {
    const { catalog, layout, indexes } = this;
    return storeAnalysis({ result, sizeBytes: options.sizeBytes, catalog, layout, indexes });
  }

  async listVideos(): Promise<VideoRecord[]> {
    return this.catalog.listVideos();
  }

  async getVideo(videoId: string): Promise<VideoRecord | undefined> {
    return this.catalog.getVideo(videoId);
  }

  /**
   * One video by id, id prefix or path (a relative one from the current directory); throws a
   * GlimpseError when none or several match.
   */
  async resolveVideo(reference: string): Promise<VideoRecord> {
    let matches = await this.catalog.findVideos(reference);
    if (matches.length === 0 && !isAbsolute(reference))
      matches = await this.catalog.findVideos(resolve(reference));
    if (matches.length === 1) return matches[0];
    if (matches.length === 0)
      throw new GlimpseError(`No video in the library matches "${reference}".`, {
        code: 'VIDEO_NOT_FOUND',
        hint: 'List the videos with `glimpse videos` and give an id, an id prefix or a path.',
      });
    throw new GlimpseError(`${matches.length} videos match "${reference}".`, {
      code: 'VIDEO_AMBIGUOUS',
      hint: 'Give more characters of the video id.',
    });
  }

  async getTracks(videoId: string): Promise<TrackDetail[]> {
    return this.catalog.getTracks(videoId);
  }

  async getTrack(videoId: string, track: number): Promise<TrackDetail | undefined> {
    return this.catalog.getTrack(videoId, track);
  }

  /** Nearest stored embeddings of a kind to a query embedding, best first. */
  async nearest(
    kind: EmbeddingKind,
    query: Float32Array,
    options: NearestOptions,
  ): Promise<EmbeddingMatch[]> {
    if (!options.videoIds) await this.catchUp();
    const stored = this.indexes[kind].dimensions;
    if (stored !== null && stored !== query.length)
      throw embedderMismatchError(kind, query, stored);
    const { k, videoIds } = options;
    const matches = videoIds
      ? await exactNearest({ catalog: this.catalog, kind, query, k, videoIds })
      : this.indexes[kind].search(query, k);
    const owners = await this.catalog.embeddingOwners(matches.map((m) => m.key));
    const gone = matches.filter((match) => !owners.has(match.key)).map((match) => match.key);
    if (gone.length > 0 && !videoIds) {
      await this.dropDeletedVectors(kind, gone);
      return this.nearest(kind, query, options);
    }
    return matches.flatMap((match) => {
      const owner = owners.get(match.key);
      return owner ? [{ ...owner, similarity: match.similarity }] : [];
    });
  }

  /** Vectors of videos another process deleted, found by a search: they leave the index. */
  private async dropDeletedVectors(kind: EmbeddingKind, keys: number[]): Promise<void> {
    const index = this.indexes[kind];
    index.remove(keys);
    if (index.size() === (await this.catalog.embeddingCount(kind))) this.staleIndexes.delete(kind);
    log.debug(`Dropped ${keys.length} vectors of deleted videos from the ${kind} index.`);
  }

  /**
   * Removes the video's jobs (a queued one is cancelled, a running one's analysis is dropped),
   * rows, vectors, thumbnails, cached clips and, when it was uploaded, its file kept in the data
   * directory (a file ingested from elsewhere stays); false if nothing of it was there.
   */
  async deleteVideo(videoId: string): Promise<boolean> {
    if (!VIDEO_ID.test(videoId)) return false;
    const uploaded = this.layout.uploadedVideoDir(videoId);
    const uploadedFiles = await filesIn(uploaded);
    // Jobs first: a worker finishing in between then finds its job gone and drops its analysis.
    const jobs =
      (await this.jobs.forgetVideo(videoId)) + (await this.jobs.forgetFiles(uploadedFiles));
    const removed = await this.catalog.deleteVideo(videoId);
    await rm(this.layout.thumbnailsDir(videoId), { recursive: true, force: true });
    await rm(this.layout.clipsDir(videoId), { recursive: true, force: true });
    await rm(uploaded, { recursive: true, force: true });
    if (!removed) {
      if (jobs === 0 && uploadedFiles.length === 0) return false;
      log.info(`Deleted video ${videoId} before its analysis: ${jobs} jobs cancelled.`);
      return true;
    }
    for (const kind of ['face', 'body'] as const) this.indexes[kind].remove(removed[kind]);
    await this.saveIndexes();
    log.info(
      `Deleted video ${videoId} with ${removed.face.length} face and ${removed.body.length} body embeddings.`,
    );
    return true;
  }

  /**
   * Cancels the jobs of a file queued but not analysed yet (a running analysis of it is then
   * dropped), by its path; the number of jobs cancelled.
   */
  async cancelFile(path: string): Promise<number> {
    const cancelled = await this.jobs.forgetFiles([resolve(path)]);
    if (cancelled > 0) log.info(`Cancelled ${cancelled} jobs of ${resolve(path)}.`);
    return cancelled;
  }

  /** Absolute path of a track's thumbnail (the file exists once the video is analysed). */
  thumbnailPath(videoId: string, track: number): string {
    return join(this.dataDir, this.layout.thumbnail(videoId, track));
  }

  /** The folder where clips of a video are cached: <dataDir>/clips/<videoId>/. */
  clipsDir(videoId: string): string {
    return this.layout.clipsDir(videoId);
  }

  async recordSearch(entry: SearchAuditEntry): Promise<SearchAuditRecord> {
    return this.catalog.recordSearch(entry);
  }

  /** Stops running analyses (their jobs go back to the queue), saves the indexes, closes. */
  async close(): Promise<void> {
    if (this.run) {
      this.run.stop.abort();
      await this.run.promise.catch(() => undefined);
    }
    await this.saveIndexes();
    await this.catalog.close();
  }

  /**
   * An index that cannot be written is only a warning: the next open rebuilds it. A stale one
   * is left unsaved: the file the deleting process saved, plus the vectors the catalog has
   * and it lacks, is then what the next open finds.
   */
  private async saveIndexes(): Promise<void> {
    await this.catchUp();
    for (const index of [this.indexes.face, this.indexes.body]) {
      if (this.staleIndexes.has(index.kind)) continue;
      await index.save().catch((error: Error) => {
        log.warn(
          `Cannot write the ${index.kind} index ${index.path} (${error.message}); ` +
            'it is rebuilt from the catalog when the library is next opened.',
        );
      });
    }
  }

  /** Adds to the indexes what other processes stored since the last look; one at a time. */
  private catchUp(): Promise<void> {
    this.catchingUp = this.catchingUp
      .catch(() => undefined)
      .then(async () => {
        if (!(await this.catalog.changedByOthers())) return;
        for (const kind of ['face', 'body'] as const) {
          const stale = await catchUpVectorIndex(this.indexes[kind], this.catalog);
          if (stale > 0) this.staleIndexes.add(kind);
        }
      });
    return this.catchingUp;
  }

  private emit(event: JobEvent): void {
    this.events.emit('job', event);
  }
}

const VIDEO_ID = /^[0-9a-f]{64}$/;

async function filesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.map((name) => join(dir, name));
}

function jobEvent(job: Job): JobEvent {
  return {
    jobId: job.id,
    path: job.path,
    state: job.state,
    videoId: job.hash,
    stage: null,
    fraction: 0,
    videoSeconds: 0,
    duration: null,
    error: job.error,
  };
}
