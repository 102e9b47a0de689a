import type { AnalysisProgress } from '../analysis/result.ts';
import type { JobState } from '../jobs/job-queue.ts';

/** What happened to one job, sent on every state change and on analysis progress. */
export interface JobEvent {
  jobId: number;
  path: string;
  state: JobState;
  /** The video id (content hash) once known. */
  videoId: string | null;
  stage: AnalysisProgress['stage'] | null;
  /** 0..1 of this video's analysis. */
  fraction: number;
  /** Video seconds analysed so far, and the video's duration when known. */
  videoSeconds: number;
  duration: number | null;
  /** Why it failed or was skipped. */
  error: string | null;
}

export interface JobOutcome {
  jobId: number;
  path: string;
  videoId: string | null;
  state: 'done' | 'skipped' | 'failed';
  /** The reason of a failure or of a skip. */
  reason: string | null;
  trackCount: number;
  videoSeconds: number;
}

/** The result of one run of the queue: every job it finished, in order of finishing. */
export interface IngestSummary {
  outcomes: JobOutcome[];
  done: number;
  skipped: number;
  failed: number;
  wallSeconds: number;
  videoSeconds: number;
}

export interface LibraryEvents {
  job: [JobEvent];
}
