import { EventEmitter } from 'node:events';
import type {
  Catalog,
  SearchAuditEntry,
  SearchAuditRecord,
  TrackDetail,
  VideoRecord,
} from '../catalog/catalog.ts';
import type { VectorIndex } from '../catalog/vector-index.ts';
import type { Job, JobQueue } from '../jobs/job-queue.ts';
import type { EmbeddingKind } from '../vision/detection.ts';
import type { IngestSummary, LibraryEvents } from './ingest-events.ts';

export interface LibraryOpenOptions {
  /** Defaults to GLIMPSE_DATA, then the per-user data directory. */
  dataDir?: string;
}

export interface ProcessQueueOptions {
  /** Worker processes analysing videos in parallel; defaults to what the machine can take. */
  jobs?: number;
  /** Frames per second the analysis samples (the Analyzer's default when absent). */
  fps?: number;
  signal?: AbortSignal;
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
 * The CLI and the HTTP server both work through it.
 */
export class Library {
  readonly events = new EventEmitter<LibraryEvents>();

  private constructor(
    readonly dataDir: string,
    readonly catalog: Catalog,
    readonly jobs: JobQueue,
  ) {}

  static async open(_options: LibraryOpenOptions = {}): Promise<Library> {
    throw new Error('Library.open is not built yet');
  }

  vectorIndex(_kind: EmbeddingKind): VectorIndex {
    throw new Error('not built yet');
  }

  /** Queues every video file found in `paths` (folders are searched recursively). */
  async enqueue(_paths: readonly string[]): Promise<Job[]> {
    throw new Error('not built yet');
  }

  /**
   * Analyses queued jobs with worker processes until the queue is empty. Calling it while it
   * runs returns the running promise (new jobs are picked up by the running workers).
   */
  async processQueue(_options: ProcessQueueOptions = {}): Promise<IngestSummary> {
    throw new Error('not built yet');
  }

  /** `enqueue` then `processQueue`. */
  async ingest(
    _paths: readonly string[],
    _options: ProcessQueueOptions = {},
  ): Promise<IngestSummary> {
    throw new Error('not built yet');
  }

  async listVideos(): Promise<VideoRecord[]> {
    throw new Error('not built yet');
  }

  async getVideo(_videoId: string): Promise<VideoRecord | undefined> {
    throw new Error('not built yet');
  }

  /** One video by id, id prefix or path; throws a GlimpseError when none or several match. */
  async resolveVideo(_reference: string): Promise<VideoRecord> {
    throw new Error('not built yet');
  }

  async getTracks(_videoId: string): Promise<TrackDetail[]> {
    throw new Error('not built yet');
  }

  async getTrack(_videoId: string, _track: number): Promise<TrackDetail | undefined> {
    throw new Error('not built yet');
  }

  /** Nearest stored embeddings of a kind to a query embedding, best first. */
  async nearest(
    _kind: EmbeddingKind,
    _query: Float32Array,
    _options: NearestOptions,
  ): Promise<EmbeddingMatch[]> {
    throw new Error('not built yet');
  }

  /** Removes the video's rows, vectors, thumbnails and cached clips; false if unknown. */
  async deleteVideo(_videoId: string): Promise<boolean> {
    throw new Error('not built yet');
  }

  /** Absolute path of a track's thumbnail (the file exists once the video is analysed). */
  thumbnailPath(_videoId: string, _track: number): string {
    throw new Error('not built yet');
  }

  /** The folder where clips of a video are cached: <dataDir>/clips/<videoId>/. */
  clipsDir(_videoId: string): string {
    throw new Error('not built yet');
  }

  async recordSearch(_entry: SearchAuditEntry): Promise<SearchAuditRecord> {
    throw new Error('not built yet');
  }

  /** Waits for running work, saves the vector indexes and closes the catalog. */
  async close(): Promise<void> {
    throw new Error('not built yet');
  }
}
