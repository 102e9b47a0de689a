import type Database from 'better-sqlite3';
import type { Job, JobCounts, JobQueue, JobState, RecoverOptions } from './job-queue.ts';

/** A job that took down its worker this many times fails instead of going round again. */
export const MAX_ATTEMPTS = 3;

interface JobRow {
  id: number;
  path: string;
  hash: string | null;
  state: JobState;
  attempts: number;
  error: string | null;
  owner: string | null;
  heartbeat_at: string | null;
  created_at: string;
  updated_at: string;
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    path: row.path,
    hash: row.hash,
    state: row.state,
    attempts: row.attempts,
    error: row.error,
    owner: row.owner,
    heartbeatAt: row.heartbeat_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The embedded job queue: a `jobs` table in the SQLite catalog. */
export class SqliteJobQueue implements JobQueue {
  constructor(private readonly db: Database.Database) {}

  async enqueue(paths: readonly string[]): Promise<Job[]> {
    const pending = this.db.prepare(
      `SELECT * FROM jobs WHERE path = ? AND state IN ('queued', 'running') ORDER BY id LIMIT 1`,
    );
    const insert = this.db.prepare(
      `INSERT INTO jobs (path, state, created_at, updated_at) VALUES (?, 'queued', ?, ?)
       RETURNING *`,
    );
    const add = this.db.transaction((list: readonly string[]) => {
      const now = new Date().toISOString();
      return list.map((path) => (pending.get(path) ?? insert.get(path, now, now)) as JobRow);
    });
    return add.immediate(paths).map(toJob);
  }

  async claim(owner: string): Promise<Job | undefined> {
    const now = new Date().toISOString();
    const row = this.db
      .prepare(
        `UPDATE jobs SET state = 'running', owner = ?, heartbeat_at = ?, updated_at = ?,
           attempts = attempts + 1, error = NULL
         WHERE id = (SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1)
         RETURNING *`,
      )
      .get(owner, now, now) as JobRow | undefined;
    return row && toJob(row);
  }

  async heartbeat(jobId: number, owner: string): Promise<void> {
    this.db
      .prepare(`UPDATE jobs SET heartbeat_at = ? WHERE id = ? AND owner = ? AND state = 'running'`)
      .run(new Date().toISOString(), jobId, owner);
  }

  async setHash(jobId: number, hash: string): Promise<void> {
    this.db.prepare('UPDATE jobs SET hash = ? WHERE id = ?').run(hash, jobId);
  }

  async finish(jobId: number, state: 'done' | 'skipped'): Promise<void> {
    this.settle(jobId, state, null);
  }

  async fail(jobId: number, error: string): Promise<void> {
    this.settle(jobId, 'failed', error);
  }

  private settle(jobId: number, state: JobState, error: string | null) {
    this.db
      .prepare(
        `UPDATE jobs SET state = ?, error = ?, owner = NULL, heartbeat_at = NULL, updated_at = ?
         WHERE id = ?`,
      )
      .run(state, error, new Date().toISOString(), jobId);
  }

  async release(
    jobId: number,
    options: { countAttempt: boolean; reason: string },
  ): Promise<Job | undefined> {
    const row = this.db
      .prepare(
        `UPDATE jobs SET owner = NULL, heartbeat_at = NULL, updated_at = @now,
           attempts = attempts - @uncount,
           state = CASE WHEN attempts - @uncount >= @max THEN 'failed' ELSE 'queued' END,
           error = CASE WHEN attempts - @uncount >= @max THEN @reason ELSE NULL END
         WHERE id = @id AND state = 'running' RETURNING *`,
      )
      .get({
        now: new Date().toISOString(),
        uncount: options.countAttempt ? 0 : 1,
        max: MAX_ATTEMPTS,
        reason: `${options.reason} (${MAX_ATTEMPTS} attempts)`,
        id: jobId,
      }) as JobRow | undefined;
    return row ? toJob(row) : this.get(jobId);
  }

  async recoverAbandoned(options: RecoverOptions): Promise<Job[]> {
    const staleBefore = new Date(Date.now() - options.staleAfterMs).toISOString();
    const running = this.db.prepare(`SELECT * FROM jobs WHERE state = 'running'`).all() as JobRow[];
    const abandoned = running.filter(
      (row) =>
        !row.owner || !options.isOwnerAlive(row.owner) || (row.heartbeat_at ?? '') < staleBefore,
    );
    const reason = 'The analysis stopped without finishing: the process analysing it died';
    const recovered: Job[] = [];
    for (const row of abandoned) {
      const job = await this.release(row.id, { countAttempt: true, reason });
      if (job) recovered.push(job);
    }
    return recovered;
  }

  async forgetVideo(hash: string): Promise<number> {
    return this.db.prepare('DELETE FROM jobs WHERE hash = ?').run(hash).changes;
  }

  async forgetFiles(paths: readonly string[]): Promise<number> {
    return this.db
      .prepare('DELETE FROM jobs WHERE path IN (SELECT value FROM json_each(?))')
      .run(JSON.stringify(paths)).changes;
  }

  async get(jobId: number): Promise<Job | undefined> {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(jobId) as JobRow | undefined;
    return row && toJob(row);
  }

  async list(options: { states?: readonly JobState[]; limit?: number } = {}): Promise<Job[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM jobs WHERE (@states IS NULL OR state IN (SELECT value FROM json_each(@states)))
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({
        states: options.states ? JSON.stringify(options.states) : null,
        limit: options.limit ?? 1000,
      }) as JobRow[];
    return rows.map(toJob);
  }

  async counts(): Promise<JobCounts> {
    const counts: JobCounts = { queued: 0, running: 0, done: 0, failed: 0, skipped: 0 };
    const rows = this.db.prepare('SELECT state, count(*) AS n FROM jobs GROUP BY state').all() as {
      state: JobState;
      n: number;
    }[];
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }
}
