import type { ModelsUsed } from '../../analysis/result.ts';
import type { SearchAuditRecord, TrackRecord, VideoRecord, VideoStatus } from '../catalog.ts';

export interface VideoRow {
  id: string;
  path: string;
  file_name: string;
  size_bytes: number;
  facts: string | null;
  status: VideoStatus;
  error: string | null;
  analysis_fps: number | null;
  models: string | null;
  created_at: string;
  updated_at: string;
  analysed_at: string | null;
  track_count: number;
}

export interface TrackRow {
  id: number;
  video_id: string;
  track: number;
  start: number;
  end: number;
  thumbnail_path: string | null;
  thumbnail_t: number | null;
  thumbnail_box: string | null;
  face_count: number;
  best_face_quality: number | null;
  detection_count: number;
}

export interface SearchRow {
  id: number;
  requester: string;
  query_kind: SearchAuditRecord['queryKind'];
  photo_hash: string | null;
  chosen_face: string | null;
  result_count: number;
  searched_at: string;
}

export function toVideoRecord(row: VideoRow): VideoRecord {
  return {
    id: row.id,
    path: row.path,
    fileName: row.file_name,
    sizeBytes: row.size_bytes,
    facts: row.facts ? JSON.parse(row.facts) : null,
    status: row.status,
    error: row.error,
    analysisFps: row.analysis_fps,
    models: row.models ? JSON.parse(row.models) : null,
    trackCount: row.track_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    analysedAt: row.analysed_at,
  };
}

export function toTrackRecord(row: TrackRow): TrackRecord {
  return {
    videoId: row.video_id,
    track: row.track,
    start: row.start,
    end: row.end,
    thumbnailPath: row.thumbnail_path,
    thumbnailT: row.thumbnail_t,
    thumbnailBox: row.thumbnail_box ? JSON.parse(row.thumbnail_box) : null,
    faceCount: row.face_count,
    bestFaceQuality: row.best_face_quality,
    detectionCount: row.detection_count,
  };
}

export function toSearchRecord(row: SearchRow): SearchAuditRecord {
  return {
    id: row.id,
    requester: row.requester,
    queryKind: row.query_kind,
    photoHash: row.photo_hash,
    chosenFace: row.chosen_face,
    resultCount: row.result_count,
    searchedAt: row.searched_at,
  };
}

/** The models as one canonical string, so that equal models compare equal in SQL. */
export function modelsKey(models: ModelsUsed): string {
  const { personDetector, faceDetector, faceEmbedder, bodyEmbedder } = models;
  return JSON.stringify({ personDetector, faceDetector, faceEmbedder, bodyEmbedder });
}
