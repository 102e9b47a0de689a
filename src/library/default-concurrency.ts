import { availableParallelism, freemem } from 'node:os';

/** Memory one analysis worker may take: four ONNX sessions, decoded frames, its evidence. */
export const WORKER_MEMORY_BYTES = 1.5 * 1024 ** 3;

/** As many workers as there are cores, no more than free memory can hold, at least one. */
export function defaultConcurrency(): number {
  const byMemory = Math.floor(freemem() / WORKER_MEMORY_BYTES);
  return Math.max(1, Math.min(availableParallelism(), byMemory));
}
