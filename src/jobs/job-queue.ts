export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'skipped';

/** One video file to analyse. */
export interface Job {
  id: number;
  path: string;
  /** sha256 of the file, once a worker has read it. */
  hash: string | null;
  state: JobState;
  attempts: number;
  error: string | null;
  /** "<host>:<pid>" of the process running it. */
  owner: string | null;
  heartbeatAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type JobCounts = Record<JobState, number>;

export interface RecoverOptions {
  /** Whether the process named by an owner string still runs. */
  isOwnerAlive: (owner: string) => boolean;
  /** A running job whose heartbeat is older than this is abandoned too. */
  staleAfterMs: number;
}

/**
 * Jobs that survive the process: an embedded queue in the SQLite catalog now, a
 * distributed queue later. A job moves queued → running → done | skipped | failed.
 */
export interface JobQueue {
  /** Queues one job per path; a path that already has a queued or running job keeps it. */
  enqueue(paths: readonly string[]): Promise<Job[]>;
  /** Takes the oldest queued job for `owner`, or undefined when none is left. */
  claim(owner: string): Promise<Job | undefined>;
  heartbeat(jobId: number, owner: string): Promise<void>;
  setHash(jobId: number, hash: string): Promise<void>;
  finish(jobId: number, state: 'done' | 'skipped'): Promise<void>;
  fail(jobId: number, error: string): Promise<void>;
  /**
   * Puts a running job back in the queue: after its worker died (`countAttempt`, and failed
   * with `reason` once it has used up its attempts) or when the run was stopped. Undefined
   * when the job is gone (its video was deleted meanwhile).
   */
  release(
    jobId: number,
    options: { countAttempt: boolean; reason: string },
  ): Promise<Job | undefined>;
  /** Running jobs whose owner died go back to the queue (or fail after too many attempts). */
  recoverAbandoned(options: RecoverOptions): Promise<Job[]>;
  /**
   * Forgets every job of a video (its content hash) when the video is deleted; a running one
   * is then not stored when its analysis ends.
   */
  forgetVideo(hash: string): Promise<number>;
  /**
   * Forgets every job of these files, hashed or not: how a video queued but not yet hashed is
   * deleted. A running one is then not stored when its analysis ends.
   */
  forgetFiles(paths: readonly string[]): Promise<number>;
  get(jobId: number): Promise<Job | undefined>;
  list(options?: { states?: readonly JobState[]; limit?: number }): Promise<Job[]>;
  counts(): Promise<JobCounts>;
}
