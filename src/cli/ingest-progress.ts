import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { JobEvent } from '../library/ingest-events.ts';

/**
 * Shows an ingest: on a terminal one bar per running video and one for the whole batch;
 * otherwise (a log file, a pipe) one plain line per video started and finished.
 */
export class IngestProgress {
  readonly interactive: boolean;
  private multibar: cliProgress.MultiBar | null = null;
  private overall: cliProgress.SingleBar | null = null;
  private readonly bars = new Map<number, cliProgress.SingleBar>();
  private readonly fractions = new Map<number, number>();
  private settled = 0;
  private total = 0;

  constructor(private readonly stream: NodeJS.WriteStream) {
    this.interactive = Boolean(stream.isTTY);
  }

  start(total: number): void {
    this.total = total;
    if (!this.interactive || total === 0) return;
    this.multibar = new cliProgress.MultiBar(
      {
        stream: this.stream,
        clearOnComplete: false,
        hideCursor: true,
        format: '{name} {bar} {percentage}% | {detail}',
        barsize: 30,
      },
      cliProgress.Presets.shades_classic,
    );
    this.overall = this.multibar.create(100, 0, { name: pad('all videos'), detail: this.detail() });
  }

  update(event: JobEvent): void {
    if (event.state === 'running') this.running(event);
    else if (event.state === 'queued') this.requeued(event);
    else this.finished(event);
  }

  /** A video whose worker died goes back to the queue: its bar goes until it runs again. */
  private requeued(event: JobEvent): void {
    if (!this.fractions.delete(event.jobId)) return;
    this.removeBar(event.jobId);
    this.refreshOverall();
  }

  private removeBar(jobId: number): void {
    const bar = this.bars.get(jobId);
    if (!bar) return;
    this.multibar?.remove(bar);
    this.bars.delete(jobId);
  }

  private running(event: JobEvent): void {
    const known = this.fractions.has(event.jobId);
    this.fractions.set(event.jobId, event.fraction);
    if (!this.multibar) {
      if (!known) this.stream.write(`started  ${event.path}\n`);
      return;
    }
    let bar = this.bars.get(event.jobId);
    if (!bar) {
      bar = this.multibar.create(100, 0, { name: pad(basename(event.path)), detail: '' });
      this.bars.set(event.jobId, bar);
    }
    bar.update(Math.round(event.fraction * 100), { detail: `${event.videoSeconds.toFixed(1)} s` });
    this.refreshOverall();
  }

  private finished(event: JobEvent): void {
    this.settled++;
    this.fractions.delete(event.jobId);
    this.removeBar(event.jobId);
    const line = `${event.state.padEnd(8)} ${event.path}${event.state === 'failed' ? ' (see below)' : ''}`;
    if (this.multibar) this.multibar.log(`${line}\n`);
    else this.stream.write(`${line}\n`);
    this.refreshOverall();
  }

  private refreshOverall(): void {
    // Jobs of a dead process, queued again once the run started, join the batch.
    this.total = Math.max(this.total, this.settled + this.fractions.size);
    if (!this.overall) return;
    const running = [...this.fractions.values()].reduce((sum, f) => sum + f, 0);
    const value = this.total > 0 ? ((this.settled + running) / this.total) * 100 : 100;
    this.overall.update(Math.min(100, Math.round(value)), { detail: this.detail() });
  }

  private detail(): string {
    return `${this.settled}/${this.total} videos`;
  }

  stop(): void {
    this.multibar?.stop();
  }
}

function pad(name: string): string {
  return name.length > 28 ? `${name.slice(0, 27)}…` : name.padEnd(28);
}
