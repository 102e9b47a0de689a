import { basename } from 'node:path';
import type Database from 'better-sqlite3';
import type { AnalysisResult, TrackEmbedding, TrackResult } from '../../analysis/result.ts';
import { GlimpseError } from '../../errors.ts';
import type { EmbeddingKind } from '../../vision/detection.ts';
import type { RemovedKeys, SaveAnalysisOptions, SaveOutcome, SavedEmbedding } from '../catalog.ts';
import { modelsKey } from './rows.ts';
import { vectorToBlob } from './vector-blob.ts';

const KINDS: EmbeddingKind[] = ['face', 'body'];

/**
 * Builds the one transaction that writes an analysed video: its row, tracks, detections,
 * faces and embeddings, replacing earlier rows of the same video, or nothing at all.
 */
export function createSaveAnalysis(db: Database.Database) {
  const statements = prepare(db);

  const write = (result: AnalysisResult, options: SaveAnalysisOptions): SaveOutcome => {
    const models = modelsKey(result.models);
    const existing = statements.video.get(result.hash) as
      { status: string; models: string | null; analysis_fps: number | null } | undefined;
    if (
      existing?.status === 'done' &&
      existing.models === models &&
      existing.analysis_fps === result.analysisFps
    ) {
      return { status: 'skipped', videoId: result.hash, reason: 'already analysed' };
    }

    const removedKeys = existing ? removeTracks(result.hash) : { face: [], body: [] };
    const now = new Date().toISOString();
    statements.upsertVideo.run({
      id: result.hash,
      path: result.path,
      file_name: basename(result.path),
      size_bytes: options.sizeBytes,
      facts: JSON.stringify(result.facts),
      analysis_fps: result.analysisFps,
      models,
      now,
    });
    const added = result.tracks.flatMap((track) => insertTrack(result.hash, track, options));
    checkDimensions(added);
    return { status: 'saved', videoId: result.hash, added, removedKeys };
  };

  const removeTracks = (videoId: string): RemovedKeys => {
    const removed: RemovedKeys = { face: [], body: [] };
    for (const row of statements.embeddingKeys.all(videoId) as {
      id: number;
      kind: EmbeddingKind;
    }[])
      removed[row.kind].push(row.id);
    statements.deleteTracks.run(videoId);
    return removed;
  };

  const insertTrack = (videoId: string, track: TrackResult, options: SaveAnalysisOptions) => {
    const bestFace = track.faces.reduce((best, face) => Math.max(best, face.quality), -Infinity);
    const { lastInsertRowid } = statements.insertTrack.run({
      video_id: videoId,
      track: track.id,
      start: track.start,
      end: track.end,
      thumbnail_path: options.thumbnailPaths.get(track.id) ?? null,
      thumbnail_t: track.thumbnail.t,
      thumbnail_box: JSON.stringify(track.thumbnail.box),
      face_count: track.faces.length,
      best_face_quality: track.faces.length > 0 ? bestFace : null,
      detection_count: track.detections.length,
    });
    const trackId = Number(lastInsertRowid);
    for (const d of track.detections)
      statements.insertDetection.run(trackId, d.t, JSON.stringify(d.box), d.score);
    for (const f of track.faces) {
      const landmarks = JSON.stringify(f.landmarks);
      statements.insertFace.run(trackId, f.t, JSON.stringify(f.box), f.score, landmarks, f.quality);
    }
    return [
      ...insertEmbeddings(trackId, 'face', track.faceEmbeddings),
      ...insertEmbeddings(trackId, 'body', track.bodyEmbeddings),
    ];
  };

  const insertEmbeddings = (trackId: number, kind: EmbeddingKind, list: TrackEmbedding[]) =>
    list.map(({ t, vector }): SavedEmbedding => {
      const blob = vectorToBlob(vector);
      const { lastInsertRowid } = statements.insertEmbedding.run(
        trackId,
        kind,
        t,
        vector.length,
        blob,
      );
      return { key: Number(lastInsertRowid), kind, vector };
    });

  // Known limit: one embedding size per kind in a catalog, because one vector index holds
  // each kind; changing to an embedder of another size needs a fresh data directory.
  const checkDimensions = (added: SavedEmbedding[]) => {
    for (const kind of KINDS) {
      const size = added.find((e) => e.kind === kind)?.vector.length;
      if (size === undefined || !statements.otherDimensions.get(kind, size)) continue;
      throw new GlimpseError(
        `The ${kind} embeddings of this analysis have ${size} dimensions, unlike the ${kind} embeddings already in the catalog.`,
        { hint: 'Analyse with another embedder into a new data directory (--data <dir>).' },
      );
    }
  };

  return db.transaction(write);
}

function prepare(db: Database.Database) {
  return {
    video: db.prepare('SELECT status, models, analysis_fps FROM videos WHERE id = ?'),
    embeddingKeys: db.prepare(
      `SELECT e.id, e.kind FROM embeddings e JOIN tracks t ON t.id = e.track_id
       WHERE t.video_id = ?`,
    ),
    deleteTracks: db.prepare('DELETE FROM tracks WHERE video_id = ?'),
    upsertVideo: db.prepare(
      `INSERT INTO videos (id, path, file_name, size_bytes, facts, status, error, analysis_fps,
         models, created_at, updated_at, analysed_at)
       VALUES (@id, @path, @file_name, @size_bytes, @facts, 'done', NULL, @analysis_fps, @models,
         @now, @now, @now)
       ON CONFLICT (id) DO UPDATE SET path = @path, file_name = @file_name,
         size_bytes = @size_bytes, facts = @facts, status = 'done', error = NULL,
         analysis_fps = @analysis_fps, models = @models, updated_at = @now, analysed_at = @now`,
    ),
    insertTrack: db.prepare(
      `INSERT INTO tracks (video_id, track, start, end, thumbnail_path, thumbnail_t,
         thumbnail_box, face_count, best_face_quality, detection_count)
       VALUES (@video_id, @track, @start, @end, @thumbnail_path, @thumbnail_t, @thumbnail_box,
         @face_count, @best_face_quality, @detection_count)`,
    ),
    insertDetection: db.prepare(
      'INSERT INTO detections (track_id, t, box, score) VALUES (?, ?, ?, ?)',
    ),
    insertFace: db.prepare(
      'INSERT INTO faces (track_id, t, box, score, landmarks, quality) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertEmbedding: db.prepare(
      'INSERT INTO embeddings (track_id, kind, t, dimensions, vector) VALUES (?, ?, ?, ?, ?)',
    ),
    otherDimensions: db.prepare(
      'SELECT 1 FROM embeddings WHERE kind = ? AND dimensions <> ? LIMIT 1',
    ),
  };
}
