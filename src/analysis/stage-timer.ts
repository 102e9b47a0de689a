import { performance } from 'node:perf_hooks';

/** Adds up wall time per pipeline stage, for logs and benchmarks. */
export class StageTimer {
  private readonly seconds = new Map<string, number>();

  async time<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(stage, (performance.now() - started) / 1000);
    }
  }

  timeSync<T>(stage: string, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.add(stage, (performance.now() - started) / 1000);
    }
  }

  add(stage: string, seconds: number): void {
    this.seconds.set(stage, (this.seconds.get(stage) ?? 0) + seconds);
  }

  total(): number {
    let sum = 0;
    for (const value of this.seconds.values()) sum += value;
    return sum;
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries(this.seconds);
  }
}
