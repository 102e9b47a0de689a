import type Database from 'better-sqlite3';
import type { AnalysisResult, ModelsUsed, TrackDetection, TrackFace } from '../analysis/result.ts';
import type { EmbeddingKind } from '../vision/detection.ts';
import type {
  Catalog,
  EmbeddingFilter,
  EmbeddingMatrix,
  EmbeddingOwner,
  RemovedKeys,
  SaveAnalysisOptions,
  SaveOutcome,
  SearchAuditEntry,
  SearchAuditRecord,
  TrackDetail,
  VideoRecord,
  VideoStart,
} from './catalog.ts';
import { openDatabase } from './sqlite/open-database.ts';
import {
  modelsKey,
  toSearchRecord,
  toTrackRecord,
  toVideoRecord,
  type SearchRow,
  type TrackRow,
  type VideoRow,
} from './sqlite/rows.ts';
import { createSaveAnalysis } from './sqlite/save-analysis.ts';
import { blobToVector } from './sqlite/vector-blob.ts';
import { basename } from 'node:path';

const VIDEO_SELECT = `SELECT v.*, (SELECT count(*) FROM tracks t WHERE t.video_id = v.id) AS track_count
  FROM videos v`;

/** The embedded catalog: one SQLite file (WAL, foreign keys on), shared with the job queue. */
export class SqliteCatalog implements Catalog {
  private readonly save: ReturnType<typeof createSaveAnalysis>;
  private dataVersion: number;

  constructor(readonly db: Database.Database) {
    this.save = createSaveAnalysis(db);
    this.dataVersion = this.readDataVersion();
  }

  static open(path: string): SqliteCatalog {
    return new SqliteCatalog(openDatabase(path));
  }

  async isAnalysed(videoId: string, models: ModelsUsed, analysisFps: number): Promise<boolean> {
    const row = this.db
      .prepare(
        `SELECT 1 FROM videos WHERE id = ? AND status = 'done' AND models = ? AND analysis_fps = ?`,
      )
      .get(videoId, modelsKey(models), analysisFps);
    return row !== undefined;
  }

  async markAnalysing(video: VideoStart): Promise<void> {
    const now = new Date().toISOString();
    // A video already analysed keeps its rows and status until a new analysis replaces them.
    this.db
      .prepare(
        `INSERT INTO videos (id, path, file_name, size_bytes, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'analysing', ?, ?)
         ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at,
           status = CASE WHEN status = 'done' THEN 'done' ELSE 'analysing' END, error = NULL`,
      )
      .run(video.id, video.path, basename(video.path), video.sizeBytes, now, now);
  }

  async markFailed(videoId: string, error: string): Promise<void> {
    this.db
      .prepare(
        `UPDATE videos SET status = 'failed', error = ?, updated_at = ?
         WHERE id = ? AND status <> 'done'`,
      )
      .run(error, new Date().toISOString(), videoId);
  }

  async markQueued(videoId: string): Promise<void> {
    this.db
      .prepare(
        `UPDATE videos SET status = 'queued', updated_at = ? WHERE id = ? AND status = 'analysing'`,
      )
      .run(new Date().toISOString(), videoId);
  }

  async moveVideo(videoId: string, path: string): Promise<void> {
    this.db
      .prepare('UPDATE videos SET path = ?, file_name = ?, updated_at = ? WHERE id = ?')
      .run(path, basename(path), new Date().toISOString(), videoId);
  }

  async saveAnalysis(result: AnalysisResult, options: SaveAnalysisOptions): Promise<SaveOutcome> {
    return this.save.immediate(result, options);
  }

  async listVideos(): Promise<VideoRecord[]> {
    const rows = this.db.prepare(`${VIDEO_SELECT} ORDER BY v.created_at, v.id`).all() as VideoRow[];
    return rows.map(toVideoRecord);
  }

  async getVideo(videoId: string): Promise<VideoRecord | undefined> {
    const row = this.db.prepare(`${VIDEO_SELECT} WHERE v.id = ?`).get(videoId) as
      VideoRow | undefined;
    return row && toVideoRecord(row);
  }

  async findVideos(reference: string): Promise<VideoRecord[]> {
    const prefix = /^[0-9a-f]{4,64}$/i.test(reference) ? `${reference.toLowerCase()}%` : null;
    const rows = this.db
      .prepare(`${VIDEO_SELECT} WHERE v.path = ? OR (? IS NOT NULL AND v.id LIKE ?)`)
      .all(reference, prefix, prefix) as VideoRow[];
    return rows.map(toVideoRecord);
  }

  async getTracks(videoId: string): Promise<TrackDetail[]> {
    const rows = this.db
      .prepare('SELECT * FROM tracks WHERE video_id = ? ORDER BY track')
      .all(videoId) as TrackRow[];
    return rows.map((row) => this.detail(row));
  }

  async getTrack(videoId: string, track: number): Promise<TrackDetail | undefined> {
    const row = this.db
      .prepare('SELECT * FROM tracks WHERE video_id = ? AND track = ?')
      .get(videoId, track) as TrackRow | undefined;
    return row && this.detail(row);
  }

  private detail(row: TrackRow): TrackDetail {
    const detections = this.db
      .prepare('SELECT t, box, score FROM detections WHERE track_id = ? ORDER BY t')
      .all(row.id) as { t: number; box: string; score: number }[];
    const faces = this.db
      .prepare('SELECT t, box, score, landmarks, quality FROM faces WHERE track_id = ? ORDER BY t')
      .all(row.id) as {
      t: number;
      box: string;
      score: number;
      landmarks: string;
      quality: number;
    }[];
    return {
      ...toTrackRecord(row),
      detections: detections.map((d): TrackDetection => ({ ...d, box: JSON.parse(d.box) })),
      faces: faces.map((f): TrackFace => ({
        ...f,
        box: JSON.parse(f.box),
        landmarks: JSON.parse(f.landmarks),
      })),
    };
  }

  async embeddingOwners(keys: readonly number[]): Promise<Map<number, EmbeddingOwner>> {
    const owners = new Map<number, EmbeddingOwner>();
    if (keys.length === 0) return owners;
    const rows = this.db
      .prepare(
        `SELECT e.id AS key, e.kind, e.t, t.video_id AS videoId, t.track
         FROM embeddings e JOIN tracks t ON t.id = e.track_id
         WHERE e.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(keys)) as EmbeddingOwner[];
    for (const row of rows) owners.set(row.key, row);
    return owners;
  }

  async embeddingMatrix(
    kind: EmbeddingKind,
    filter: EmbeddingFilter = {},
  ): Promise<EmbeddingMatrix> {
    const rows = this.db
      .prepare(
        `SELECT e.id, e.dimensions, e.vector FROM embeddings e JOIN tracks t ON t.id = e.track_id
         WHERE e.kind = @kind
           AND (@videoIds IS NULL OR t.video_id IN (SELECT value FROM json_each(@videoIds)))
           AND (@keys IS NULL OR e.id IN (SELECT value FROM json_each(@keys)))
         ORDER BY e.id`,
      )
      .all({
        kind,
        videoIds: filter.videoIds ? JSON.stringify(filter.videoIds) : null,
        keys: filter.keys ? JSON.stringify(filter.keys) : null,
      }) as { id: number; dimensions: number; vector: Buffer }[];
    const dimensions = rows[0]?.dimensions ?? 0;
    const vectors = new Float32Array(rows.length * dimensions);
    rows.forEach((row, i) => vectors.set(blobToVector(row.vector), i * dimensions));
    return { keys: rows.map((row) => row.id), dimensions, vectors };
  }

  async embeddingKeys(kind: EmbeddingKind): Promise<number[]> {
    return this.db
      .prepare('SELECT id FROM embeddings WHERE kind = ? ORDER BY id')
      .pluck()
      .all(kind) as number[];
  }

  async embeddingCount(kind: EmbeddingKind): Promise<number> {
    return this.db
      .prepare('SELECT count(*) FROM embeddings WHERE kind = ?')
      .pluck()
      .get(kind) as number;
  }

  async deleteVideo(videoId: string): Promise<RemovedKeys | undefined> {
    const remove = this.db.transaction(() => {
      const rows = this.db
        .prepare(
          `SELECT e.id, e.kind FROM embeddings e JOIN tracks t ON t.id = e.track_id
           WHERE t.video_id = ?`,
        )
        .all(videoId) as { id: number; kind: EmbeddingKind }[];
      const { changes } = this.db.prepare('DELETE FROM videos WHERE id = ?').run(videoId);
      if (changes === 0) return undefined;
      const removed: RemovedKeys = { face: [], body: [] };
      for (const row of rows) removed[row.kind].push(row.id);
      return removed;
    });
    return remove.immediate();
  }

  async changedByOthers(): Promise<boolean> {
    if (!this.db.open) return false;
    const seen = this.dataVersion;
    this.dataVersion = this.readDataVersion();
    return this.dataVersion !== seen;
  }

  /** SQLite's count of commits by other connections (this one's own commits leave it alone). */
  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  async recordSearch(entry: SearchAuditEntry): Promise<SearchAuditRecord> {
    const searchedAt = new Date().toISOString();
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO searches (requester, query_kind, photo_hash, chosen_face, result_count,
           searched_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.requester,
        entry.queryKind,
        entry.photoHash,
        entry.chosenFace,
        entry.resultCount,
        searchedAt,
      );
    return { ...entry, id: Number(lastInsertRowid), searchedAt };
  }

  async listSearches(options: { limit?: number } = {}): Promise<SearchAuditRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM searches ORDER BY id DESC LIMIT ?')
      .all(options.limit ?? 100) as SearchRow[];
    return rows.map(toSearchRecord);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
