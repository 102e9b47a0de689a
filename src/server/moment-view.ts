import type { VideoRecord } from '../catalog/catalog.ts';
import { trackThumbnailUrl, videoFileUrl } from './video-view.ts';

/** What search returns for one moment, with the URLs the browser needs to show and play it. */
export interface MomentView {
  videoId: string;
  videoName: string;
  videoDuration: number | null;
  trackId: number;
  start: number;
  end: number;
  /** Calibrated: 0..1, how sure Glimpse is that this is the person. */
  score: number;
  thumbnail: string;
  video: string;
  clip: string;
}

export interface MomentLike {
  videoId: string;
  trackId: number;
  start: number;
  end: number;
  score: number;
}

export const momentViewSchema = {
  type: 'object',
  properties: {
    videoId: { type: 'string' },
    videoName: { type: 'string' },
    videoDuration: { type: ['number', 'null'] },
    trackId: { type: 'integer' },
    start: { type: 'number' },
    end: { type: 'number' },
    score: { type: 'number' },
    thumbnail: { type: 'string' },
    video: { type: 'string' },
    clip: { type: 'string' },
  },
} as const;

export function clipUrl(videoId: string, start: number, end: number): string {
  return `/api/videos/${videoId}/clip?start=${start.toFixed(2)}&end=${end.toFixed(2)}`;
}

/** Adds each moment's video name and URLs; moments of videos deleted meanwhile are dropped. */
export async function momentViews(
  moments: readonly MomentLike[],
  getVideo: (videoId: string) => Promise<VideoRecord | undefined>,
): Promise<MomentView[]> {
  const videos = new Map<string, VideoRecord | undefined>();
  for (const id of new Set(moments.map((moment) => moment.videoId)))
    videos.set(id, await getVideo(id));
  return moments.flatMap((moment) => {
    const video = videos.get(moment.videoId);
    if (!video) return [];
    return [
      {
        videoId: moment.videoId,
        videoName: video.fileName,
        videoDuration: video.facts?.duration ?? null,
        trackId: moment.trackId,
        start: moment.start,
        end: moment.end,
        score: moment.score,
        thumbnail: trackThumbnailUrl(moment.videoId, moment.trackId),
        video: videoFileUrl(moment.videoId),
        clip: clipUrl(moment.videoId, moment.start, moment.end),
      },
    ];
  });
}
