import type { AnalysisProgress, AnalysisResult, ModelsUsed } from '../analysis/result.ts';

/** Parent → analysis worker. */
export type ToWorker =
  | { type: 'analyze'; jobId: number; path: string }
  /** The answer to `hashed`: go on with the analysis, or drop it (already analysed). */
  | { type: 'proceed'; jobId: number }
  | { type: 'drop'; jobId: number };

/** Analysis worker → parent. */
export type FromWorker =
  | { type: 'ready'; models: ModelsUsed; fps: number }
  | { type: 'load-failed'; message: string }
  | { type: 'hashed'; jobId: number; hash: string; sizeBytes: number }
  | { type: 'progress'; jobId: number; progress: AnalysisProgress }
  | { type: 'result'; jobId: number; result: AnalysisResult }
  | { type: 'dropped'; jobId: number }
  | { type: 'failed'; jobId: number; message: string };

/** The settings a worker reads from its environment when it starts. */
export const WORKER_FPS_ENV = 'GLIMPSE_WORKER_FPS';
