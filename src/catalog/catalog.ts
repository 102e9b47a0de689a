import type { Box } from '../geometry/box.ts';
import type {
  AnalysisResult,
  ModelsUsed,
  TrackDetection,
  TrackFace,
  VideoFacts,
} from '../analysis/result.ts';
import type { EmbeddingKind } from '../vision/detection.ts';

export type VideoStatus = 'queued' | 'analysing' | 'done' | 'failed';

/** One video of the catalog; `id` is the sha256 of its bytes. */
export interface VideoRecord {
  id: string;
  path: string;
  fileName: string;
  sizeBytes: number;
  /** Null until ffprobe has been read (a video that failed early). */
  facts: VideoFacts | null;
  status: VideoStatus;
  error: string | null;
  analysisFps: number | null;
  models: ModelsUsed | null;
  trackCount: number;
  /** ISO 8601 times. */
  createdAt: string;
  updatedAt: string;
  analysedAt: string | null;
}

/** One track of a video, without its per-frame rows. */
export interface TrackRecord {
  videoId: string;
  /** The track number within its video (1, 2, 3… in order of first appearance). */
  track: number;
  start: number;
  end: number;
  /** Relative to the data directory: thumbnails/<videoId>/<track>.jpg. */
  thumbnailPath: string | null;
  thumbnailT: number | null;
  thumbnailBox: Box | null;
  faceCount: number;
  bestFaceQuality: number | null;
  detectionCount: number;
}

/** A track with what the UI needs to draw it over the video. */
export interface TrackDetail extends TrackRecord {
  detections: TrackDetection[];
  faces: TrackFace[];
}

/** Where one stored embedding came from; `key` is its key in the vector index. */
export interface EmbeddingOwner {
  key: number;
  kind: EmbeddingKind;
  videoId: string;
  track: number;
  t: number;
}

/** Stored embedding vectors of one kind, flattened row after row (`keys[i]` owns row i). */
export interface EmbeddingMatrix {
  keys: number[];
  dimensions: number;
  vectors: Float32Array;
}

export interface EmbeddingFilter {
  videoIds?: readonly string[];
  keys?: readonly number[];
}

/** A new or replaced video's embeddings, to add to the vector indexes after the commit. */
export interface SavedEmbedding {
  key: number;
  kind: EmbeddingKind;
  vector: Float32Array;
}

export type SaveOutcome =
  | { status: 'saved'; videoId: string; added: SavedEmbedding[]; removedKeys: RemovedKeys }
  | { status: 'skipped'; videoId: string; reason: string };

export type RemovedKeys = Record<EmbeddingKind, number[]>;

export interface SaveAnalysisOptions {
  sizeBytes: number;
  /** Relative thumbnail path per track number, already written to disk by the caller. */
  thumbnailPaths: Map<number, string>;
}

/** "Who searched for whom is recorded": one row per search. */
export interface SearchAuditEntry {
  /** Who asked: "cli:<account>" from the command line, or the HTTP client's address. */
  requester: string;
  queryKind: 'photo' | 'track' | 'face';
  /** sha256 of the query photo, when the query is a photo. */
  photoHash: string | null;
  /** Which face of the photo (index) or which track ("<videoId>:<track>") was searched for. */
  chosenFace: string | null;
  resultCount: number;
}

export interface SearchAuditRecord extends SearchAuditEntry {
  id: number;
  searchedAt: string;
}

/** A video about to be analysed: its row exists from here on (status "analysing"). */
export interface VideoStart {
  id: string;
  path: string;
  sizeBytes: number;
}

/**
 * The catalog: every row Glimpse knows, and the source of truth the vector indexes are
 * rebuilt from. Asynchronous so that a PostgreSQL catalog can be added beside SQLite.
 */
export interface Catalog {
  /** True when this video was analysed to the end with these models at this rate. */
  isAnalysed(videoId: string, models: ModelsUsed, analysisFps: number): Promise<boolean>;
  markAnalysing(video: VideoStart): Promise<void>;
  markFailed(videoId: string, error: string): Promise<void>;
  /** Back to "queued": its analysis stopped and its job waits in the queue again. */
  markQueued(videoId: string): Promise<void>;
  /** Records that the video's file (the same bytes) is now at `path`. */
  moveVideo(videoId: string, path: string): Promise<void>;

  /**
   * Writes a video's rows all at once in one transaction, or nothing. Skips (writes nothing)
   * when the video is already analysed with the same models and rate; replaces the earlier
   * rows when the models or rate differ.
   */
  saveAnalysis(result: AnalysisResult, options: SaveAnalysisOptions): Promise<SaveOutcome>;

  listVideos(): Promise<VideoRecord[]>;
  getVideo(videoId: string): Promise<VideoRecord | undefined>;
  /** Videos whose id starts with `prefix` (at least 4 characters) or whose path is `path`. */
  findVideos(reference: string): Promise<VideoRecord[]>;
  getTracks(videoId: string): Promise<TrackDetail[]>;
  getTrack(videoId: string, track: number): Promise<TrackDetail | undefined>;

  /** Owners of embedding keys; keys not in the catalog are absent from the map. */
  embeddingOwners(keys: readonly number[]): Promise<Map<number, EmbeddingOwner>>;
  /** Every stored embedding of a kind, or only those of some videos or with some keys. */
  embeddingMatrix(kind: EmbeddingKind, filter?: EmbeddingFilter): Promise<EmbeddingMatrix>;
  embeddingKeys(kind: EmbeddingKind): Promise<number[]>;
  embeddingCount(kind: EmbeddingKind): Promise<number>;

  /** Deletes a video and every row derived from it; returns its embedding keys. */
  deleteVideo(videoId: string): Promise<RemovedKeys | undefined>;

  /**
   * Whether another process has committed to the catalog since this one last asked (true when
   * the catalog cannot tell): its vector indexes may then lack or hold vectors they should not.
   */
  changedByOthers(): Promise<boolean>;

  recordSearch(entry: SearchAuditEntry): Promise<SearchAuditRecord>;
  listSearches(options?: { limit?: number }): Promise<SearchAuditRecord[]>;

  close(): Promise<void>;
}
