import { basename } from 'node:path';
import type { TrackRecord, VideoRecord } from '../catalog/catalog.ts';
import type { JobView } from './job-view.ts';

/** A video as the API sends it. */
export interface VideoView {
  id: string;
  name: string;
  status: 'queued' | 'analysing' | 'done' | 'failed';
  /** 0..1 of the analysis while it runs. */
  fraction: number | null;
  error: string | null;
  duration: number | null;
  width: number | null;
  height: number | null;
  sizeBytes: number | null;
  trackCount: number;
  /** Thumbnail URLs of the video's first tracks, in order of first appearance. */
  trackThumbnails: string[];
  createdAt: string | null;
  analysedAt: string | null;
}

export interface TrackView {
  id: number;
  start: number;
  end: number;
  faceCount: number;
  thumbnail: string;
}

/** The library page shows a strip of thumbnails; more than this is noise there. */
const stripLength = 24;

export function trackThumbnailUrl(videoId: string, track: number): string {
  return `/api/videos/${videoId}/tracks/${track}/thumbnail`;
}

export function videoFileUrl(videoId: string): string {
  return `/api/videos/${videoId}/file`;
}

export function videoViewFromRecord(video: VideoRecord, fraction?: number): VideoView {
  const count = video.status === 'done' ? Math.min(video.trackCount, stripLength) : 0;
  return {
    id: video.id,
    name: video.fileName || basename(video.path),
    status: video.status,
    fraction: video.status === 'analysing' ? (fraction ?? 0) : null,
    error: video.error,
    duration: video.facts?.duration ?? null,
    width: video.facts?.width ?? null,
    height: video.facts?.height ?? null,
    sizeBytes: video.sizeBytes,
    trackCount: video.trackCount,
    trackThumbnails: Array.from({ length: count }, (_, i) => trackThumbnailUrl(video.id, i + 1)),
    createdAt: video.createdAt,
    analysedAt: video.analysedAt,
  };
}

/** A queued upload has a job but no catalog row yet. */
export function videoViewFromJob(job: JobView & { videoId: string }): VideoView {
  return {
    id: job.videoId,
    name: job.videoName,
    status: job.state,
    fraction: null,
    error: job.message,
    duration: null,
    width: null,
    height: null,
    sizeBytes: null,
    trackCount: 0,
    trackThumbnails: [],
    createdAt: null,
    analysedAt: null,
  };
}

export function trackView(track: TrackRecord): TrackView {
  return {
    id: track.track,
    start: track.start,
    end: track.end,
    faceCount: track.faceCount,
    thumbnail: trackThumbnailUrl(track.videoId, track.track),
  };
}

const nullable = (type: string) => ({ type: [type, 'null'] });

export const videoViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'analysing', 'done', 'failed'] },
    fraction: nullable('number'),
    error: nullable('string'),
    duration: nullable('number'),
    width: nullable('integer'),
    height: nullable('integer'),
    sizeBytes: nullable('integer'),
    trackCount: { type: 'integer' },
    trackThumbnails: { type: 'array', items: { type: 'string' } },
    createdAt: nullable('string'),
    analysedAt: nullable('string'),
  },
} as const;

export const trackViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    start: { type: 'number' },
    end: { type: 'number' },
    faceCount: { type: 'integer' },
    thumbnail: { type: 'string' },
  },
} as const;
