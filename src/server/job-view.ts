import { basename, dirname, relative, sep } from 'node:path';
import type { JobEvent } from '../library/ingest-events.ts';
import type { Job, JobState } from '../jobs/job-queue.ts';

/** The analysis states a user sees; "skipped" (already analysed) is shown as done. */
export type AnalysisState = 'queued' | 'analysing' | 'done' | 'failed';

/** One job as the API sends it, on /api/jobs and as an `event: job` of /api/events. */
export interface JobView {
  jobId: number;
  videoId: string | null;
  videoName: string;
  state: AnalysisState;
  fraction: number;
  /** Why the analysis failed, for a failed job. */
  message: string | null;
}

export const jobViewSchema = {
  type: 'object',
  properties: {
    jobId: { type: 'integer' },
    videoId: { type: ['string', 'null'] },
    videoName: { type: 'string' },
    state: { type: 'string', enum: ['queued', 'analysing', 'done', 'failed'] },
    fraction: { type: 'number' },
    message: { type: ['string', 'null'] },
  },
} as const;

export function analysisState(state: JobState): AnalysisState {
  if (state === 'running') return 'analysing';
  if (state === 'skipped') return 'done';
  return state;
}

/** Uploaded videos live at videos/<hash>/<name>, so the folder names the video before analysis. */
export function videoIdFromPath(videosDir: string, path: string): string | null {
  const folder = relative(videosDir, dirname(path));
  return /^[0-9a-f]{64}$/.test(folder) && !folder.includes(sep) ? folder : null;
}

export function jobViewFromEvent(event: JobEvent, videosDir: string): JobView {
  const state = analysisState(event.state);
  return {
    jobId: event.jobId,
    videoId: event.videoId ?? videoIdFromPath(videosDir, event.path),
    videoName: basename(event.path),
    state,
    fraction: state === 'done' ? 1 : event.fraction,
    message: event.error,
  };
}

export function jobViewFromJob(job: Job, videosDir: string): JobView {
  const state = analysisState(job.state);
  return {
    jobId: job.id,
    videoId: job.hash ?? videoIdFromPath(videosDir, job.path),
    videoName: basename(job.path),
    state,
    fraction: state === 'done' ? 1 : 0,
    message: job.error,
  };
}
