// An analysis worker process: loads the models once, then analyses one video at a time for
// the parent process (the worker pool), over IPC with advanced serialization.
import { stat } from 'node:fs/promises';
import { Analyzer } from '../analysis/analyzer.ts';
import { isGlimpseError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { hashFile } from '../media/hash.ts';
import { WORKER_FPS_ENV, type FromWorker, type ToWorker } from './worker-messages.ts';

const log = createLogger('AnalysisWorker');

/** Progress messages are sent at most this often. */
const PROGRESS_INTERVAL_MS = 250;

const send = (message: FromWorker) => process.send?.(message);
const verdicts = new Map<number, (verdict: 'proceed' | 'drop') => void>();

async function analyzeJob(analyzer: Analyzer, jobId: number, path: string) {
  const hash = await hashFile(path);
  const { size } = await stat(path);
  const verdict = new Promise<'proceed' | 'drop'>((resolve) => verdicts.set(jobId, resolve));
  send({ type: 'hashed', jobId, hash, sizeBytes: size });
  const go = await verdict;
  verdicts.delete(jobId);
  if (go === 'drop') {
    send({ type: 'dropped', jobId });
    return;
  }

  let lastSent = 0;
  const result = await analyzer.analyze(path, {
    hash,
    onProgress: (progress) => {
      const now = Date.now();
      if (now - lastSent < PROGRESS_INTERVAL_MS && progress.stage !== 'done') return;
      lastSent = now;
      send({ type: 'progress', jobId, progress });
    },
  });
  send({ type: 'result', jobId, result });
}

function describeFailure(error: unknown): string {
  if (isGlimpseError(error)) return error.describe();
  return error instanceof Error ? error.message : String(error);
}

async function main() {
  // The parent is gone (it exited or was killed): nothing left to work for.
  process.on('disconnect', () => process.exit(0));
  // Ctrl-C reaches the whole process group; the parent decides what stops, and tells us.
  process.on('SIGINT', () => {});
  let analyzer: Analyzer;
  try {
    const fps = process.env[WORKER_FPS_ENV] ? Number(process.env[WORKER_FPS_ENV]) : undefined;
    analyzer = await Analyzer.load(fps ? { fps } : {});
  } catch (error) {
    send({ type: 'load-failed', message: describeFailure(error) });
    return;
  }

  let queue = Promise.resolve();
  process.on('message', (message: ToWorker) => {
    if (message.type !== 'analyze') {
      verdicts.get(message.jobId)?.(message.type);
      return;
    }
    queue = queue.then(async () => {
      try {
        await analyzeJob(analyzer, message.jobId, message.path);
      } catch (error) {
        log.debug(`Job ${message.jobId} failed: ${describeFailure(error)}`);
        send({ type: 'failed', jobId: message.jobId, message: describeFailure(error) });
      }
    });
  });
  send({ type: 'ready', models: analyzer.modelsUsed, fps: analyzer.options.fps });
}

await main();
